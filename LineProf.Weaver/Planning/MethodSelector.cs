using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Decides which methods get probes: those with a body and sequence points that the user's include and
    /// exclude globs select, no <c>[NoLineProfile]</c> covers and the shell's filter lets through, except code the
    /// compiler wrote on its own (auto-property accessors, record members) and the rare IL a probe cannot be added to
    /// safely.
    /// </summary>
    internal sealed class MethodSelector
    {
        private readonly MethodOrigins _origins;
        private readonly List<Glob> _include;
        private readonly List<Glob> _exclude;
        private readonly bool _assemblyExcluded;
        private readonly System.Func<MethodDefinition, bool>? _filter;

        public MethodSelector(ModuleDefinition module, WeaveOptions options, MethodOrigins origins)
        {
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
            if (_assemblyExcluded || !method.HasBody || !method.DebugInformation.HasSequencePoints) return false;
            if (method.DebugInformation.SequencePoints.All(p => p.IsHidden)) return false;
            if (IsCompilerWritten(method)) return false;
            if (_filter != null && !_filter(method)) return false;

            var origin = _origins.Of(method);
            if (IsExcludedByAttribute(method) || IsExcludedByAttribute(origin.Source)) return false;

            var name = _origins.SourceName(method);
            if (_include.Count > 0 && !_include.Any(g => g.Matches(name))) return false;
            if (_exclude.Any(g => g.Matches(name))) return false;

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
            !CompilerNames.IsGenerated(method.Name) && HasAttribute(method, "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

        private static bool IsExcludedByAttribute(MethodDefinition method)
        {
            if (HasNoLineProfile(method)) return true;
            if ((method.IsGetter || method.IsSetter) && method.DeclaringType.Properties.Any(p =>
                    (p.GetMethod == method || p.SetMethod == method) && HasNoLineProfile(p)))
                return true;
            for (var type = method.DeclaringType; type != null; type = type.DeclaringType)
            {
                if (HasNoLineProfile(type)) return true;
            }

            return false;
        }

        private static bool HasNoLineProfile(ICustomAttributeProvider provider) =>
            HasAttribute(provider, ProbeContract.NoLineProfileAttribute);

        private static bool HasAttribute(ICustomAttributeProvider provider, string fullName) =>
            provider.HasCustomAttributes && provider.CustomAttributes.Any(a => a.AttributeType.FullName == fullName);
    }
}
