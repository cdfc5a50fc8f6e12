using System;
using System.Linq;
using System.Xml.Linq;
using LineProf.Weaving;

namespace LineProf.Fody
{
    /// <summary>
    /// Reads <c>&lt;LineProf Include="..." Exclude="..." /&gt;</c> from FodyWeavers.xml: the same semicolon-separated
    /// globs over <c>Namespace.Type.Method</c> as LineProfileInclude and LineProfileExclude.
    /// </summary>
    internal static class LineProfElement
    {
        private const string Include = "Include";
        private const string Exclude = "Exclude";
        private const string GeneratedCode = "GeneratedCode";

        /// <summary>The options the element asks for, or null (with an error logged) when it asks for something unknown.</summary>
        public static WeaveOptions? Read(XElement config, string? pathMap, string intermediateFolder, IWeaveLog log)
        {
            // A misspelt attribute would otherwise weave everything while the user believes it is filtered.
            var unknown = config.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name != Include && a.Name != Exclude && a.Name != GeneratedCode)
                .Select(a => a.Name.ToString()).Concat(config.Elements().Select(e => "<" + e.Name + ">")).ToList();
            if (unknown.Count > 0)
            {
                log.Write(WeaveMessageLevel.Error, "LP0403", $"<LineProf /> in FodyWeavers.xml has {string.Join(", ", unknown)}, which LineProf does not know. " +
                    $"It takes only the attributes {Include} and {Exclude} (semicolon-separated globs over Namespace.Type.Method or file paths) " +
                    $"and {GeneratedCode} (true or false).");
                return null;
            }

            var generated = (string?)config.Attribute(GeneratedCode);
            if (generated != null && !bool.TryParse(generated, out _))
            {
                log.Write(WeaveMessageLevel.Error, "LP0403", $"<LineProf {GeneratedCode}=\"{generated}\" /> in FodyWeavers.xml: {GeneratedCode} is true or false.");
                return null;
            }

            return new WeaveOptions
            {
                Include = WeaveOptions.SplitGlobs((string?)config.Attribute(Include)),
                Exclude = WeaveOptions.SplitGlobs((string?)config.Attribute(Exclude)),
                PathMap = pathMap,
                IncludeGeneratedCode = generated != null && bool.Parse(generated),
                GeneratedFolders = new[] { intermediateFolder },
            };
        }
    }
}
