using System.Collections.Generic;
using System.Linq;
using LineProf.Weaving.Symbols;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Decides which methods get probes: those with a body and sequence points that the user's include and
    /// exclude globs select, no <c>[NoLineProfile]</c> covers and the shell's filter lets through, except code the
    /// compiler wrote on its own (auto-property accessors, record members), code tools generated (unless asked for)
    /// and the rare IL a probe cannot be added to safely.
    /// </summary>
    internal sealed class MethodSelector
    {
        private static readonly string s_noLineProfileName = ProbeContract.NoLineProfileAttribute.Substring(ProbeContract.ProbeNamespace.Length + 1);

        private readonly MethodOrigins _origins;
        private readonly List<Glob> _include;
        private readonly List<Glob> _exclude;
        private readonly bool _assemblyExcluded;
        private readonly System.Func<MethodDefinition, bool>? _filter;
        private readonly GeneratedCode? _generated;
        private readonly Dictionary<TypeDefinition, bool> _excludedTypes = new Dictionary<TypeDefinition, bool>();
        private readonly Dictionary<TypeDefinition, HashSet<MethodDefinition>> _excludedAccessors = new Dictionary<TypeDefinition, HashSet<MethodDefinition>>();

        public MethodSelector(ModuleDefinition module, WeaveOptions options, MethodOrigins origins, GeneratedCode? generated)
        {
            _generated = generated;
            _origins = origins;
            _include = options.Include.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new Glob(p)).ToList();
            _exclude = options.Exclude.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new Glob(p)).ToList();
            _assemblyExcluded = HasNoLineProfile(module.Assembly);
            _filter = options.MethodFilter;
        }

        /// <summary>True if <paramref name="method"/> should be woven; otherwise <paramref name="reason"/> says why not,
        /// when the reason is worth telling the user (null for the ordinary cases).</summary>
        public bool Select(MethodDefinition method, out string? reason)
        {
            reason = null;
            if (_assemblyExcluded || !method.HasBody || VisibleLines.First(method) == null) return false;
            if (IsCompilerWritten(method)) return false;
            if (_filter != null && !_filter(method)) return false;

            var origin = _origins.Of(method);
            if (IsExcludedByAttribute(method) || IsExcludedByAttribute(origin.Source)) return false;

            var name = _origins.SourceName(method);
            var document = VisibleLines.First(method)?.Document.Url;
            if (_include.Count > 0 && !_include.Any(g => g.Matches(name, document))) return false;
            if (_exclude.Any(g => g.Matches(name, document))) return false;
            if (_generated != null && _generated.IsGenerated(method, origin.Source)) return false;

            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code == Code.Tail || instruction.OpCode.Code == Code.Jmp)
                {
                    reason = $"{origin.DisplayName} uses {instruction.OpCode.Name}, which cannot be inside the probe's try/finally; it is not profiled.";
                    return false;
                }
            }

            return true;
        }

        /// <summary>Members the compiler wrote with no statement of the user's: auto-property accessors, record members.</summary>
        private static bool IsCompilerWritten(MethodDefinition method) =>
            !CompilerNames.IsGenerated(method.Name) && HasAttribute(method, "System.Runtime.CompilerServices", "CompilerGeneratedAttribute");

        private bool IsExcludedByAttribute(MethodDefinition method) =>
            HasNoLineProfile(method) ||
            ((method.IsGetter || method.IsSetter) && ExcludedAccessors(method.DeclaringType).Contains(method)) ||
            IsExcludedType(method.DeclaringType);

        /// <summary>Whether the type or a type it is nested in has [NoLineProfile]; remembered per type.</summary>
        private bool IsExcludedType(TypeDefinition type)
        {
            if (!_excludedTypes.TryGetValue(type, out bool excluded))
            {
                excluded = HasNoLineProfile(type) || (type.DeclaringType != null && IsExcludedType(type.DeclaringType));
                _excludedTypes.Add(type, excluded);
            }

            return excluded;
        }

        /// <summary>The accessors of a type's properties that have [NoLineProfile]; found once per type, not once per accessor.</summary>
        private HashSet<MethodDefinition> ExcludedAccessors(TypeDefinition type)
        {
            if (!_excludedAccessors.TryGetValue(type, out var accessors))
            {
                accessors = new HashSet<MethodDefinition>();
                foreach (var property in type.Properties.Where(HasNoLineProfile))
                {
                    if (property.GetMethod != null) accessors.Add(property.GetMethod);
                    if (property.SetMethod != null) accessors.Add(property.SetMethod);
                }

                _excludedAccessors.Add(type, accessors);
            }

            return accessors;
        }

        private static bool HasNoLineProfile(ICustomAttributeProvider provider) =>
            HasAttribute(provider, ProbeContract.ProbeNamespace, s_noLineProfileName);

        /// <summary>Compares namespace and name rather than FullName, which Cecil builds anew at every call.</summary>
        private static bool HasAttribute(ICustomAttributeProvider provider, string ns, string name) =>
            provider.HasCustomAttributes && provider.CustomAttributes.Any(a => a.AttributeType.Name == name && a.AttributeType.Namespace == ns);
    }
}
