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
        private const string TimeSmallMembers = "TimeSmallMembers";

        /// <summary>The options the element asks for, or null (with an error logged) when it asks for something unknown.</summary>
        public static WeaveOptions? Read(XElement config, string? pathMap, string intermediateFolder, IWeaveLog log)
        {
            // A misspelt attribute would otherwise weave everything while the user believes it is filtered.
            var unknown = config.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name != Include && a.Name != Exclude && a.Name != GeneratedCode && a.Name != TimeSmallMembers)
                .Select(a => a.Name.ToString()).Concat(config.Elements().Select(e => "<" + e.Name + ">")).ToList();
            if (unknown.Count > 0)
            {
                log.Write(WeaveMessageLevel.Error, "LP0403", $"<LineProf /> in FodyWeavers.xml has {string.Join(", ", unknown)}, which LineProf does not know. " +
                    $"It takes only the attributes {Include} and {Exclude} (semicolon-separated globs over Namespace.Type.Method or file paths) " +
                    $"and {GeneratedCode} and {TimeSmallMembers} (true or false).");
                return null;
            }

            if (!TryReadFlag(config, GeneratedCode, log, out bool generated) || !TryReadFlag(config, TimeSmallMembers, log, out bool timeSmallMembers)) return null;

            return new WeaveOptions
            {
                Include = WeaveOptions.SplitGlobs((string?)config.Attribute(Include)),
                Exclude = WeaveOptions.SplitGlobs((string?)config.Attribute(Exclude)),
                PathMap = pathMap,
                IncludeGeneratedCode = generated,
                TimeSmallMembers = timeSmallMembers,
                GeneratedFolders = new[] { intermediateFolder },
            };
        }

        /// <summary>Reads a true/false attribute, false when absent; logs LP0403 for anything else.</summary>
        private static bool TryReadFlag(XElement config, string name, IWeaveLog log, out bool value)
        {
            value = false;
            var text = (string?)config.Attribute(name);
            if (text == null || bool.TryParse(text, out value)) return true;
            log.Write(WeaveMessageLevel.Error, "LP0403", $"<LineProf {name}=\"{text}\" /> in FodyWeavers.xml: {name} is true or false.");
            return false;
        }
    }
}
