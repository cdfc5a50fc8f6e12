using System;
using System.Collections.Generic;
using System.Linq;

namespace LineProf.Corpus
{
    /// <summary>How code is laid out on lines: several points on one line, one statement on several, mapped lines.</summary>
    public static class Layout
    {
        [Case(3)]
        public static int SeveralStatementsOnOneLine(int x)
        {
            int a = x; a++; a *= 2; if (a > 5) a -= 1; // hits: 5
            Ran.Here();
            return a;
        }

        [Case(2)]
        public static string OneStatementOverSeveralLines(int x)
        {
            var text = string.Join(
                ",",
                Enumerable.Range(0, x)
                    .Select(i => i * 3)
                    .Where(i => i >= 0)
                    .Select(i =>
                        i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Ran.Here();
            return text;
        }

        [Case(3, "name")]
        public static string InterpolatedStrings(int x, string name)
        {
            var simple = $"{name}={x}";
            var formatted = $"{x,5:D3}|{x * 1.5:F2}|{name,-6}|";
            var raw = $$"""{"{{name}}": {{x}}}""";
            FormattableString invariant = $"{x / 3.0:N3}";
            return simple + " " + formatted + " " + raw + " " + FormattableString.Invariant(invariant);
        }

        [Case("abc")]
        [Case(new object?[] { null })]
        public static string NullConditionalAndCoalescing(string? input)
        {
            var length = input?.Length;
            var first = input?[0];
            var upper = input?.ToUpperInvariant() ?? "<none>";
            List<string>? list = null;
            list ??= new List<string>();
            list.Add(upper);
            list ??= new List<string> { "never" };
            Action? callback = input == null ? null : () => Effects.Add("callback for " + input);
            callback?.Invoke();
            return length + " " + first + " " + upper + " " + list.Count;
        }

        [Case(4)]
        public static int ConditionalOnOneLine(int x) => x > 3 ? Twice(x) : Twice(-x);

        [Case(2)]
        public static string LineDirectives(int x)
        {
            var trail = "start";
#line 9000 "Generated/Mapped.g.cs"
            trail += ">mapped" + x;
            Ran.Here();
#line hidden
            trail += ">hidden";
            Effects.Add("hidden ran");
#line default
            Ran.Here();
            return trail + ">back";
        }

        [Case(1)]
        public static string ThrowsFromMappedLine(int x)
        {
            Ran.Here();
#line 7000 "Generated/Thrower.g.cs"
            if (x > 0) throw new InvalidOperationException("thrown on a mapped line " + x);
#line default
            return "not thrown";
        }

        [Case(3)]
        public static string LineSpanDirective(int x)
        {
#line (100, 1) - (100, 40) 5 "Generated/Span.g.cs"
            var text = "span " + x;
#line default
            Ran.Here();
            return text;
        }

        private static int Twice(int value)
        {
            Ran.Here();
            return value * 2;
        }
    }
}
