using System.Collections.Generic;

namespace LineProf.Weaving
{
    /// <summary>What to weave, beyond the assembly itself.</summary>
    public sealed class WeaveOptions
    {
        /// <summary>
        /// Globs over <c>Namespace.Type.Method</c> (the source method) that select what is woven; empty selects
        /// everything. <c>*</c> matches any run of characters, <c>?</c> one.
        /// </summary>
        public IList<string> Include { get; set; } = new List<string>();

        /// <summary>Globs over <c>Namespace.Type.Method</c> that are left unwoven even if included.</summary>
        public IList<string> Exclude { get; set; } = new List<string>();

        /// <summary>
        /// The compiler's PathMap (<c>from=to,...</c>), used to find source files whose paths were mapped, so each
        /// line's text can still be read at build time.
        /// </summary>
        public string? PathMap { get; set; }
    }
}
