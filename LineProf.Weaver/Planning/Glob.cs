using System;
using LineProf.Matching;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// One pattern of LineProfileInclude or LineProfileExclude. A pattern with a <c>/</c> or <c>\</c>, or ending in a
    /// source file's extension (<c>.cs</c>, <c>.cshtml</c>, <c>.razor</c>, <c>.vb</c>, <c>.fs</c>), is a file pattern
    /// over the path of the document a method's first line is in (<see cref="Wildcard.Path"/>: <c>**</c> any run of
    /// folders, <c>*</c> any run of characters within a name, <c>?</c> one; matching at any depth unless rooted). Any
    /// other pattern is over <c>Namespace.Type.Method</c> (<see cref="Wildcard.Name"/>: <c>*</c> any run of
    /// characters, dots too, and <c>?</c> one).
    /// </summary>
    internal sealed class Glob
    {
        private static readonly string[] s_sourceExtensions = { ".cs", ".cshtml", ".razor", ".vb", ".fs" };

        private readonly Wildcard _wildcard;

        public Glob(string pattern)
        {
            Pattern = pattern.Trim();
            IsFilePattern = Pattern.IndexOfAny(new[] { '/', '\\' }) >= 0 ||
                Array.Exists(s_sourceExtensions, e => Pattern.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            _wildcard = IsFilePattern ? Wildcard.Path(Pattern) : Wildcard.Name(Pattern);
        }

        public string Pattern { get; }

        /// <summary>Whether the pattern is over document paths rather than method names.</summary>
        public bool IsFilePattern { get; }

        /// <summary>Whether a method named <paramref name="name"/> whose first line is in <paramref name="document"/> matches.</summary>
        public bool Matches(string name, string? document) =>
            IsFilePattern ? document != null && _wildcard.IsMatch(document) : _wildcard.IsMatch(name);
    }
}
