using System.Text.RegularExpressions;

namespace LineProf.Weaving.Planning
{
    /// <summary>A pattern over <c>Namespace.Type.Method</c>: <c>*</c> any run of characters (dots too), <c>?</c> one.</summary>
    internal sealed class Glob
    {
        private readonly Regex _regex;

        public Glob(string pattern)
        {
            Pattern = pattern.Trim();
            _regex = new Regex("^" + Regex.Escape(Pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Pattern { get; }

        public bool Matches(string name) => _regex.IsMatch(name);
    }
}
