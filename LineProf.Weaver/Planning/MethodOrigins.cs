using System;
using System.Collections.Generic;
using System.Linq;
using LineProf.Weaving.Symbols;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Maps every compiled method back to the method its user wrote: a state machine's MoveNext to its kickoff
    /// method (from the PDB), a lambda or local function to its enclosing method (from the compiler's naming, and
    /// for an overloaded name from where its lines are), and names each so that no two source methods of a type share
    /// a name: reports sum figures by that name.
    /// </summary>
    /// <remarks>
    /// Names read as the user wrote the code: <c>Namespace.Type.Method</c>; an overloaded method with its parameter
    /// types, <c>Namespace.Type.Get(int, string)</c>; a lambda by its enclosing method and first line,
    /// <c>Namespace.Type.Method lambda@12</c> (and column, <c>lambda@12:30</c>, when two start on one line); a local
    /// function as <c>Namespace.Type.Method.Local</c>; top-level statements as <c>Program.Main</c>; a Razor view by its
    /// path, <c>Pages/Index.cshtml</c>, since its class and <c>ExecuteAsync</c> are the Razor compiler's.
    /// </remarks>
    internal sealed class MethodOrigins
    {
        private const string RazorItemMetadata = "RazorCompiledItemMetadataAttribute";
        private const string RazorRenderMethod = "ExecuteAsync";

        private readonly Dictionary<MethodDefinition, MethodOrigin> _origins = new Dictionary<MethodDefinition, MethodOrigin>();
        private readonly HashSet<MethodDefinition> _lambdasSharingALine = new HashSet<MethodDefinition>();
        private readonly Dictionary<MethodDefinition, MethodDefinition> _stateMachines = new Dictionary<MethodDefinition, MethodDefinition>();
        private readonly Dictionary<(TypeDefinition, string), Dictionary<MethodDefinition, string>> _overloads =
            new Dictionary<(TypeDefinition, string), Dictionary<MethodDefinition, string>>();
        private readonly Dictionary<TypeDefinition, string> _typeNames = new Dictionary<TypeDefinition, string>();

        public MethodOrigins(ModuleDefinition module)
        {
            foreach (var type in module.GetTypes())
            {
                if (CompilerNames.Kind(type.Name) == 'd')
                {
                    var moveNext = MoveNextOf(type);
                    var kickoff = KickoffOf(type);
                    if (moveNext != null && kickoff != null) _stateMachines[kickoff] = moveNext;
                }
            }

            FindLambdasSharingALine(module);
        }

        public MethodOrigin Of(MethodDefinition method)
        {
            if (_origins.TryGetValue(method, out var origin)) return origin;
            _origins[method] = origin = Resolve(method);
            return origin;
        }

        /// <summary>
        /// <c>Namespace.Type.Method</c> of the user-written method itself, as include and exclude globs match it: no
        /// parameters, lambda or local function suffix.
        /// </summary>
        public string SourceName(MethodDefinition method)
        {
            var source = Of(method).Source;
            return ClrTypeName(UserType(source.DeclaringType)) + "." + source.Name;
        }

        private MethodOrigin Resolve(MethodDefinition method)
        {
            var kickoff = KickoffOf(method.DeclaringType);
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
                            return new MethodOrigin(parent.Source, parent.DisplayName + " " + LambdaName(method));
                        case 'g':
                            return new MethodOrigin(parent.Source,
                                parent.DisplayName + "." + (CompilerNames.LocalFunctionName(method.Name) ?? method.Name));
                    }
                }
            }

            return new MethodOrigin(method, DisplayName(method));
        }

        private string DisplayName(MethodDefinition method)
        {
            var type = UserType(method.DeclaringType);
            var name = MemberName(method);
            var view = RazorViewOf(type);
            if (view == null) return TypeName(type) + "." + name;
            return method.Name == RazorRenderMethod ? view : view + " " + name;
        }

        /// <summary>The method's name, with its parameter types when its type has other methods of that name.</summary>
        private string MemberName(MethodDefinition method)
        {
            var type = method.DeclaringType;
            var key = (type, method.Name);
            if (!_overloads.TryGetValue(key, out var names))
            {
                var overloads = type.Methods.Where(m => m.Name == method.Name).ToList();
                names = new Dictionary<MethodDefinition, string>();
                if (overloads.Count > 1)
                {
                    // Short type names read best; overloads that differ only in a namespace get full names, and conversion
                    // operators, which may differ only in what they return, their return type too.
                    var signatures = overloads.ToDictionary(m => m, m => Signature(m, fullNames: false));
                    if (HasClash(signatures)) signatures = overloads.ToDictionary(m => m, m => Signature(m, fullNames: true));
                    if (HasClash(signatures)) signatures = overloads.ToDictionary(m => m, m => Signature(m, fullNames: true) + " : " + TypeNames.Of(m.ReturnType, true));
                    foreach (var overload in overloads) names[overload] = signatures[overload];
                }

                _overloads.Add(key, names);
            }

            return names.TryGetValue(method, out var signature) ? signature : PlainName(method);
        }

        private static bool HasClash(Dictionary<MethodDefinition, string> names) =>
            names.Values.Distinct(StringComparer.Ordinal).Count() < names.Count;

        /// <summary>What the user calls the method: <c>Main</c> for the compiler's <c>&lt;Main&gt;$</c> of top-level statements.</summary>
        private static string PlainName(MethodDefinition method) => method.Name == "<Main>$" ? "Main" : method.Name;

        private static string Signature(MethodDefinition method, bool fullNames)
        {
            var generics = method.HasGenericParameters ? "<" + string.Join(", ", method.GenericParameters.Select(g => g.Name)) + ">" : "";
            return PlainName(method) + generics + "(" + string.Join(", ", method.Parameters.Select(p => ParameterText(p, fullNames))) + ")";
        }

        private static string ParameterText(ParameterDefinition parameter, bool fullNames)
        {
            var type = parameter.ParameterType;
            if (!(type is ByReferenceType byReference)) return TypeNames.Of(type, fullNames);
            var modifier = parameter.IsOut ? "out " :
                parameter.CustomAttributes.Any(a => a.AttributeType.Name == "IsReadOnlyAttribute") ? "in " : "ref ";
            return modifier + TypeNames.Of(byReference.ElementType, fullNames);
        }

        private string LambdaName(MethodDefinition lambda)
        {
            var first = FirstLine(lambda);
            if (first == null) return "lambda";
            return "lambda@" + first.StartLine + (_lambdasSharingALine.Contains(lambda) ? ":" + first.StartColumn : "");
        }

        private void FindLambdasSharingALine(ModuleDefinition module)
        {
            var groups = new Dictionary<(TypeDefinition, string, string, int), List<MethodDefinition>>();
            foreach (var type in module.GetTypes())
            {
                foreach (var method in type.Methods)
                {
                    if (CompilerNames.Kind(method.Name) != 'b') continue;
                    var first = FirstLine(method);
                    if (first == null) continue;
                    var key = (UserType(type), CompilerNames.Enclosing(method.Name)!, first.Document.Url, first.StartLine);
                    if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = new List<MethodDefinition>());
                    list.Add(method);
                }
            }

            foreach (var lambdas in groups.Values.Where(g => g.Count > 1)) _lambdasSharingALine.UnionWith(lambdas);
        }

        /// <summary>
        /// A method's first source line. An async or iterator lambda has none of its own: its body is its state machine's
        /// MoveNext, and without that line every such lambda of a method (a minimal API's endpoints) had one name.
        /// </summary>
        private SequencePoint? FirstLine(MethodDefinition method) =>
            VisibleLines.First(method) ?? (_stateMachines.TryGetValue(method, out var moveNext) ? VisibleLines.First(moveNext) : null);

        /// <summary>The kickoff method of the state machine <paramref name="type"/>, if it is one.</summary>
        private static MethodDefinition? KickoffOf(TypeDefinition type)
        {
            if (!CompilerNames.IsGenerated(type.Name) || CompilerNames.Kind(type.Name) != 'd') return null;

            var fromSymbols = MoveNextOf(type)?.DebugInformation?.StateMachineKickOffMethod;
            if (fromSymbols != null) return fromSymbols;

            // No PDB record: the type is named after its kickoff method, which is declared beside it.
            var name = CompilerNames.Enclosing(type.Name);
            return type.DeclaringType?.Methods.FirstOrDefault(m => m.Name == name && m.HasBody);
        }

        private static MethodDefinition? MoveNextOf(TypeDefinition type) =>
            type.Methods.FirstOrDefault(m => m.Name == "MoveNext" || m.Name.EndsWith(".MoveNext", StringComparison.Ordinal));

        /// <summary>
        /// The method a lambda or local function was written in. The compiler names only the enclosing method, so among
        /// overloads the one whose lines span the lambda's first line is it.
        /// </summary>
        private MethodDefinition? FindEnclosing(MethodDefinition method)
        {
            var name = CompilerNames.Enclosing(method.Name);
            if (name == null) return null;
            for (var type = method.DeclaringType; type != null; type = type.DeclaringType)
            {
                var candidates = type.Methods.Where(m => m.Name == name && m != method).ToList();
                if (candidates.Count == 1) return candidates[0];
                if (candidates.Count > 1) return Innermost(candidates, VisibleLines.First(method)) ?? candidates[0];
            }

            return null;
        }

        private MethodDefinition? Innermost(List<MethodDefinition> candidates, SequencePoint? point)
        {
            if (point == null) return null;
            MethodDefinition? best = null;
            long bestSize = long.MaxValue;
            foreach (var candidate in candidates)
            {
                var body = _stateMachines.TryGetValue(candidate, out var moveNext) ? moveNext : candidate;
                var span = Span(body, point.Document.Url);
                if (span == null) continue;
                var (start, end) = span.Value;
                long at = Position(point.StartLine, point.StartColumn);
                if (at < start || at > end || end - start >= bestSize) continue;
                best = candidate;
                bestSize = end - start;
            }

            return best;
        }

        /// <summary>From the start of the method's first line to the end of its last, in one document.</summary>
        private static (long Start, long End)? Span(MethodDefinition method, string document)
        {
            if (!method.DebugInformation.HasSequencePoints) return null;
            long start = long.MaxValue, end = long.MinValue;
            foreach (var point in method.DebugInformation.SequencePoints)
            {
                if (point.IsHidden || point.Document.Url != document) continue;
                start = Math.Min(start, Position(point.StartLine, point.StartColumn));
                end = Math.Max(end, Position(point.EndLine, point.EndColumn));
            }

            return start <= end ? (start, end) : ((long, long)?)null;
        }

        private static long Position(int line, int column) => ((long)line << 20) + column;

        /// <summary>The innermost type the user wrote that contains <paramref name="type"/> (closures are the compiler's).</summary>
        private static TypeDefinition UserType(TypeDefinition type)
        {
            while (CompilerNames.IsGenerated(type.Name) && type.DeclaringType != null) type = type.DeclaringType;
            return type;
        }

        /// <summary>A Razor view's path, <c>Pages/Index.cshtml</c>, from the attribute the Razor compiler puts on its class.</summary>
        private static string? RazorViewOf(TypeDefinition type)
        {
            if (!type.HasCustomAttributes) return null;
            foreach (var attribute in type.CustomAttributes)
            {
                if (attribute.AttributeType.Name != RazorItemMetadata || attribute.ConstructorArguments.Count != 2) continue;
                if (attribute.ConstructorArguments[0].Value as string == "Identifier" && attribute.ConstructorArguments[1].Value is string path && path.Length > 0)
                    return path.TrimStart('/');
            }

            return null;
        }

        private string TypeName(TypeDefinition type)
        {
            if (!_typeNames.TryGetValue(type, out var name)) _typeNames.Add(type, name = ClrTypeName(type));
            return name;
        }

        /// <summary>"App.Orders.Repository" for the nested generic type App.Orders/Repository`1.</summary>
        private static string ClrTypeName(TypeDefinition type)
        {
            var name = TypeNames.WithoutArity(type.Name);
            if (type.DeclaringType != null) return ClrTypeName(type.DeclaringType) + "." + name;
            return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
        }
    }
}
