using System;
using System.Collections.Generic;
using System.Linq;
using LineProf.Weaving.Symbols;
using Mono.Cecil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Maps every compiled method back to the method its user wrote: a state machine's MoveNext to its kickoff
    /// method (from the PDB), a lambda or local function to its enclosing method (from the compiler's naming).
    /// Lambdas are numbered per enclosing method in source order, so names stay stable across builds.
    /// </summary>
    internal sealed class MethodOrigins
    {
        private readonly Dictionary<MethodDefinition, MethodOrigin> _origins = new Dictionary<MethodDefinition, MethodOrigin>();
        private readonly Dictionary<MethodDefinition, int> _lambdaNumbers = new Dictionary<MethodDefinition, int>();

        public MethodOrigins(ModuleDefinition module)
        {
            NumberLambdas(module);
        }

        public MethodOrigin Of(MethodDefinition method)
        {
            if (_origins.TryGetValue(method, out var origin)) return origin;
            _origins[method] = origin = Resolve(method);
            return origin;
        }

        /// <summary>The display name of the user-written method itself, without lambda or local function suffix.</summary>
        public string SourceName(MethodDefinition method) => Of(Of(method).Source).DisplayName;

        private MethodOrigin Resolve(MethodDefinition method)
        {
            var kickoff = KickoffOf(method);
            if (kickoff != null && kickoff != method) return Of(kickoff);

            if (CompilerNames.IsGenerated(method.Name))
            {
                var enclosing = FindEnclosing(method);
                if (enclosing != null)
                {
                    var parent = Of(enclosing);
                    switch (CompilerNames.Kind(method.Name))
                    {
                        case 'b':
                            return new MethodOrigin(parent.Source, parent.DisplayName + ".<lambda" + LambdaNumber(method) + ">");
                        case 'g':
                            return new MethodOrigin(parent.Source,
                                parent.DisplayName + "." + (CompilerNames.LocalFunctionName(method.Name) ?? method.Name));
                    }
                }
            }

            return new MethodOrigin(method, TypeName(UserType(method.DeclaringType)) + "." + method.Name);
        }

        /// <summary>The kickoff method of the state machine <paramref name="method"/> belongs to, if it is part of one.</summary>
        private static MethodDefinition? KickoffOf(MethodDefinition method)
        {
            var type = method.DeclaringType;
            if (!CompilerNames.IsGenerated(type.Name) || CompilerNames.Kind(type.Name) != 'd') return null;

            var moveNext = type.Methods.FirstOrDefault(m => m.Name == "MoveNext" || m.Name.EndsWith(".MoveNext", StringComparison.Ordinal));
            var fromSymbols = moveNext?.DebugInformation?.StateMachineKickOffMethod;
            if (fromSymbols != null) return fromSymbols;

            // No PDB record: the type is named after its kickoff method, which is declared beside it.
            var name = CompilerNames.Enclosing(type.Name);
            return type.DeclaringType?.Methods.FirstOrDefault(m => m.Name == name && m.HasBody);
        }

        private static MethodDefinition? FindEnclosing(MethodDefinition method)
        {
            var name = CompilerNames.Enclosing(method.Name);
            if (name == null) return null;
            for (var type = method.DeclaringType; type != null; type = type.DeclaringType)
            {
                var found = type.Methods.FirstOrDefault(m => m.Name == name);
                if (found != null && found != method) return found;
            }

            return null;
        }

        private int LambdaNumber(MethodDefinition lambda) => _lambdaNumbers.TryGetValue(lambda, out int n) ? n : 1;

        private void NumberLambdas(ModuleDefinition module)
        {
            var groups = new Dictionary<(TypeDefinition, string), List<MethodDefinition>>();
            foreach (var type in module.GetTypes())
            {
                foreach (var method in type.Methods)
                {
                    if (CompilerNames.Kind(method.Name) != 'b') continue;
                    var key = (UserType(type), CompilerNames.Enclosing(method.Name)!);
                    if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = new List<MethodDefinition>());
                    list.Add(method);
                }
            }

            foreach (var lambdas in groups.Values)
            {
                var ordered = lambdas.OrderBy(FirstLine).ThenBy(FirstColumn).ThenBy(m => m.MetadataToken.RID).ToList();
                for (int i = 0; i < ordered.Count; i++) _lambdaNumbers[ordered[i]] = i + 1;
            }
        }

        private static int FirstLine(MethodDefinition method) => VisibleLines.First(method)?.StartLine ?? int.MaxValue;

        private static int FirstColumn(MethodDefinition method) => VisibleLines.First(method)?.StartColumn ?? int.MaxValue;

        /// <summary>The innermost type the user wrote that contains <paramref name="type"/> (closures are the compiler's).</summary>
        private static TypeDefinition UserType(TypeDefinition type)
        {
            while (CompilerNames.IsGenerated(type.Name) && type.DeclaringType != null) type = type.DeclaringType;
            return type;
        }

        /// <summary>"App.Orders.Repository" for the nested generic type App.Orders/Repository`1.</summary>
        private static string TypeName(TypeDefinition type)
        {
            var name = WithoutArity(type.Name);
            if (type.DeclaringType != null) return TypeName(type.DeclaringType) + "." + name;
            return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
        }

        private static string WithoutArity(string name)
        {
            int tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }
    }
}
