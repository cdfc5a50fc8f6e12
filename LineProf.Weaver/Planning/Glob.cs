using System;
using System.Text;
using System.Text.RegularExpressions;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// One pattern of LineProfileInclude or LineProfileExclude. A pattern with a <c>/</c> or <c>\</c>, or ending in a
    /// source file's extension (<c>.cs</c>, <c>.cshtml</c>, <c>.razor</c>, <c>.vb</c>, <c>.fs</c>), is a file pattern
    /// over the path of the document a method's first line is in: <c>**</c> any run of folders, <c>*</c> any run of
    /// characters within a name, <c>?</c> one; a pattern that does not start at the root matches at any depth
    /// (<c>Features/Articles/**</c>, <c>*.g.cs</c>). Any other pattern is over <c>Namespace.Type.Method</c>, where
    /// <c>*</c> is any run of characters, dots too, and <c>?</c> one.
    /// </summary>
    internal sealed class Glob
    {
        private static readonly string[] s_sourceExtensions = { ".cs", ".cshtml", ".razor", ".vb", ".fs" };

        private readonly Regex _regex;

        public Glob(string pattern)
        {
            Pattern = pattern.Trim();
            IsFilePattern = Pattern.IndexOfAny(new[] { '/', '\\' }) >= 0 ||
                Array.Exists(s_sourceExtensions, e => Pattern.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            _regex = IsFilePattern
                ? new Regex(FileRegex(Pattern.Replace('\\', '/')), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)
                : new Regex("^" + Regex.Escape(Pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                    RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Pattern { get; }

        /// <summary>Whether the pattern is over document paths rather than method names.</summary>
        public bool IsFilePattern { get; }

        /// <summary>Whether a method named <paramref name="name"/> whose first line is in <paramref name="document"/> matches.</summary>
        public bool Matches(string name, string? document) =>
            IsFilePattern ? document != null && _regex.IsMatch(document.Replace('\\', '/')) : _regex.IsMatch(name);

        private static string FileRegex(string pattern)
        {
            // Windows paths compare without regard to case; a drive letter or a leading slash anchors at the root.
            bool rooted = pattern.StartsWith("/", StringComparison.Ordinal) || (pattern.Length > 1 && pattern[1] == ':');
            var regex = new StringBuilder(rooted ? "^" : "(^|/)");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    bool folder = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(folder ? "(.*/)?" : ".*");
                    i += folder ? 2 : 1;
                }
                else if (c == '*') regex.Append("[^/]*");
                else if (c == '?') regex.Append("[^/]");
                else regex.Append(Regex.Escape(c.ToString()));
            }

            return regex.Append('$').ToString();
        }
    }
}
