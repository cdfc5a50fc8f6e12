using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace LineProf.Weaving
{
    /// <summary>What to weave, beyond the assembly itself.</summary>
    public sealed class WeaveOptions
    {
        /// <summary>
        /// Globs over <c>Namespace.Type.Method</c> (the source method), or over the path of the file a method's first
        /// line is in (a glob with a <c>/</c> or ending in <c>.cs</c>, <c>.cshtml</c>…), that select what is woven;
        /// empty selects everything. See <see cref="Planning.Glob"/> for the syntax.
        /// </summary>
        public IList<string> Include { get; set; } = new List<string>();

        /// <summary>Globs, as <see cref="Include"/>'s, over what is left unwoven even if included.</summary>
        public IList<string> Exclude { get; set; } = new List<string>();

        /// <summary>
        /// Whether code that tools generated (source generators, gRPC stubs, files marked <c>&lt;auto-generated&gt;</c>,
        /// <c>[GeneratedCode]</c> types) is woven too. Off by default: users profile their own code.
        /// </summary>
        public bool IncludeGeneratedCode { get; set; }

        /// <summary>
        /// Whether small members the JIT would inline (one line, no loop, no exception handling, a few bytes of IL:
        /// getters, forwarding overloads, one-line predicates) get a frame and a clock like every method. Off by
        /// default: they are counted (calls and hits) and their time is the calling line's, so the JIT still inlines them.
        /// </summary>
        public bool TimeSmallMembers { get; set; }

        /// <summary>
        /// Folders whose files are generated: the project's obj/ folder (intermediate output) and any folder where the
        /// compiler writes source generators' files. Paths as the build sees them, before PathMap.
        /// </summary>
        public IList<string> GeneratedFolders { get; set; } = new List<string>();

        /// <summary>
        /// The compiler's PathMap (<c>from=to,...</c>), used to find source files whose paths were mapped, so each
        /// line's text can still be read at build time.
        /// </summary>
        public string? PathMap { get; set; }

        /// <summary>
        /// A shell's own say over which methods may be woven, on top of the globs and <c>[NoLineProfile]</c>: methods
        /// it returns false for are left unwoven. Fody's shell uses it to leave alone code that other weavers added to
        /// the module earlier in the same pass. Null lets every method through.
        /// </summary>
        public Func<MethodDefinition, bool>? MethodFilter { get; set; }

        /// <summary>
        /// Splits a setting of semicolon-separated globs, as each shell receives Include and Exclude, so that every
        /// shell reads them the same way.
        /// </summary>
        public static IList<string> SplitGlobs(string? globs) =>
            (globs ?? "").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(g => g.Trim()).Where(g => g.Length > 0).ToList();
    }
}
