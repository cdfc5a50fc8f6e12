namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Reads the names the C# compiler gives what it generates: <c>&lt;Get&gt;b__5_0</c> (a lambda in Get),
    /// <c>&lt;Get&gt;g__Local|5_0</c> (local function Local in Get), <c>&lt;Get&gt;d__5</c> (Get's state machine),
    /// <c>&lt;&gt;c__DisplayClass5_0</c> and <c>&lt;&gt;c</c> (closures).
    /// </summary>
    internal static class CompilerNames
    {
        public static bool IsGenerated(string name) => name.Length > 0 && name[0] == '<';

        /// <summary>The name between the first pair of angle brackets, or null: "Get" for "&lt;Get&gt;b__5_0".</summary>
        public static string? Enclosing(string name)
        {
            if (!IsGenerated(name)) return null;
            int depth = 0;
            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] == '<') depth++;
                else if (name[i] == '>' && --depth == 0) return name.Substring(1, i - 1);
            }

            return null;
        }

        /// <summary>The kind letter after the closing bracket: 'b' lambda, 'g' local function, 'd' state machine.</summary>
        public static char Kind(string name)
        {
            var enclosing = Enclosing(name);
            if (enclosing == null) return '\0';
            int after = enclosing.Length + 2;
            return after < name.Length ? name[after] : '\0';
        }

        /// <summary>"Local" for "&lt;Get&gt;g__Local|5_0".</summary>
        public static string? LocalFunctionName(string name)
        {
            int start = name.IndexOf("g__", System.StringComparison.Ordinal);
            if (start < 0) return null;
            start += 3;
            int end = name.IndexOf('|', start);
            return end > start ? name.Substring(start, end - start) : null;
        }
    }
}
