using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Plans one method: its state-machine kind, a probe site per non-hidden sequence point (each line of each
    /// source method gets one id from the line map), and for async code the builder calls that complete it.
    /// </summary>
    internal sealed class MethodPlanner
    {
        private const string AsyncStateMachine = "System.Runtime.CompilerServices.IAsyncStateMachine";
        private const string Enumerator = "System.Collections.IEnumerator";

        private readonly MethodOrigins _origins;
        private readonly LineMapBuilder _lineMap;
        private readonly bool _timeSmallMembers;

        public MethodPlanner(MethodOrigins origins, LineMapBuilder lineMap, bool timeSmallMembers)
        {
            _origins = origins;
            _lineMap = lineMap;
            _timeSmallMembers = timeSmallMembers;
        }

        public MethodPlan Plan(MethodDefinition method)
        {
            var kind = KindOf(method);
            int source = _lineMap.MethodIndex(_origins.Of(method).DisplayName);
            var points = InOffsetOrder(method.DebugInformation.SequencePoints);
            var sites = new List<ProbeSite>(points.Count);

            // Instructions and points side by side, both in offset order. Offsets are recomputed rather than
            // trusted: in a Fody pipeline an earlier weaver may have inserted instructions whose offsets are not set.
            int offset = 0, next = 0;
            foreach (var instruction in method.Body.Instructions)
            {
                instruction.Offset = offset;
                while (next < points.Count && points[next].Offset < offset) next++; // inside an instruction: no IL starts there
                bool placed = false;
                for (; next < points.Count && points[next].Offset == offset; next++)
                {
                    var point = points[next];
                    if (point.IsHidden || placed || FollowsPrefix(instruction)) continue;
                    sites.Add(new ProbeSite(instruction, _lineMap.LineId(source, point)));
                    placed = true;
                }

                offset += instruction.GetSize();
            }

            bool isAsync = kind == StateMachineKind.Async || kind == StateMachineKind.AsyncIterator;
            bool countedOnly = !_timeSmallMembers && SmallMember.Is(method, kind, sites.Count, codeSize: offset);
            _lineMap.Planned(sites.Select(s => s.LineId), countedOnly);
            var none = new Instruction[0];
            return new MethodPlan(method, kind, sites,
                isAsync ? BuilderCalls(method, "SetResult", "SetException") : none,
                isAsync ? BuilderCalls(method, "AwaitOnCompleted", "AwaitUnsafeOnCompleted") : none,
                countedOnly);
        }

        /// <summary>The compiler writes points in offset order; a weaver before us may not have.</summary>
        private static IList<SequencePoint> InOffsetOrder(IList<SequencePoint> points)
        {
            for (int i = 1; i < points.Count; i++)
            {
                if (points[i].Offset < points[i - 1].Offset) return points.OrderBy(p => p.Offset).ToList(); // stable: the first point at an offset stays first
            }

            return points;
        }

        internal static StateMachineKind KindOf(MethodDefinition method)
        {
            var type = method.DeclaringType;
            if (!CompilerNames.IsGenerated(type.Name) || !IsMoveNext(method)) return StateMachineKind.None;
            if (Implements(type, AsyncStateMachine))
                return type.Fields.Any(f => f.Name == "<>v__promiseOfValueOrEnd") ? StateMachineKind.AsyncIterator : StateMachineKind.Async;
            return Implements(type, Enumerator) ? StateMachineKind.Iterator : StateMachineKind.None;
        }

        private static bool IsMoveNext(MethodDefinition method) =>
            !method.IsStatic && method.Parameters.Count == 0 &&
            (method.Name == "MoveNext" || method.Name.EndsWith(".MoveNext", System.StringComparison.Ordinal));

        private static bool Implements(TypeDefinition type, string interfaceName) =>
            type.Interfaces.Any(i => i.InterfaceType.FullName == interfaceName);

        /// <summary>
        /// Calls of the named methods on the state machine's builder (or, for async iterators, its promise): where it
        /// completes (SetResult, SetException; completing before the call keeps continuations the builder runs inline
        /// out of this method) and where it suspends (AwaitOnCompleted, AwaitUnsafeOnCompleted).
        /// </summary>
        private static IReadOnlyCollection<Instruction> BuilderCalls(MethodDefinition method, params string[] names)
        {
            var completers = new HashSet<string>(method.DeclaringType.Fields
                .Where(f => f.Name == "<>t__builder" || f.Name == "<>v__promiseOfValueOrEnd")
                .Select(f => f.FieldType.GetElementType().FullName));
            return method.Body.Instructions
                .Where(i => (i.OpCode.Code == Code.Call || i.OpCode.Code == Code.Callvirt) &&
                            i.Operand is MethodReference callee &&
                            names.Contains(callee.Name) &&
                            completers.Contains(callee.DeclaringType.GetElementType().FullName))
                .ToList();
        }

        private static bool FollowsPrefix(Instruction instruction) =>
            instruction.Previous != null && instruction.Previous.OpCode.OpCodeType == OpCodeType.Prefix;
    }
}
