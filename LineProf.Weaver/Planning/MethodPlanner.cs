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

        public MethodPlanner(MethodOrigins origins, LineMapBuilder lineMap)
        {
            _origins = origins;
            _lineMap = lineMap;
        }

        public MethodPlan Plan(MethodDefinition method)
        {
            var kind = KindOf(method);
            var display = _origins.Of(method).DisplayName;
            var sites = new List<ProbeSite>();
            var seen = new HashSet<Instruction>();
            var byOffset = InstructionsByOffset(method.Body);

            foreach (var point in method.DebugInformation.SequencePoints)
            {
                if (point.IsHidden || !byOffset.TryGetValue(point.Offset, out var instruction)) continue;
                if (!seen.Add(instruction) || FollowsPrefix(instruction)) continue;
                sites.Add(new ProbeSite(instruction, _lineMap.LineId(display, point.Document, point.StartLine)));
            }

            bool isAsync = kind == StateMachineKind.Async || kind == StateMachineKind.AsyncIterator;
            var none = new Instruction[0];
            return new MethodPlan(method, kind, sites,
                isAsync ? BuilderCalls(method, "SetResult", "SetException") : none,
                isAsync ? BuilderCalls(method, "AwaitOnCompleted", "AwaitUnsafeOnCompleted") : none);
        }

        /// <summary>
        /// Offsets are recomputed rather than trusted: in a Fody pipeline an earlier weaver may have inserted
        /// instructions whose offsets are not set yet.
        /// </summary>
        private static Dictionary<int, Instruction> InstructionsByOffset(MethodBody body)
        {
            var byOffset = new Dictionary<int, Instruction>(body.Instructions.Count);
            int offset = 0;
            foreach (var instruction in body.Instructions)
            {
                instruction.Offset = offset;
                byOffset[offset] = instruction;
                offset += instruction.GetSize();
            }

            return byOffset;
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
