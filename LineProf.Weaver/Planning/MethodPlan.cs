using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>Everything the rewriter needs to know about one method: where its probes go and where it exits.</summary>
    internal sealed class MethodPlan
    {
        public MethodPlan(MethodDefinition method, StateMachineKind kind, IReadOnlyList<ProbeSite> sites,
            IReadOnlyCollection<Instruction> completions, IReadOnlyCollection<Instruction> suspensions, bool countedOnly)
        {
            Method = method;
            Kind = kind;
            Sites = sites;
            Completions = completions;
            Suspensions = suspensions;
            CountedOnly = countedOnly;
        }

        public MethodDefinition Method { get; }
        public StateMachineKind Kind { get; }

        /// <summary>The first instruction of each non-hidden sequence point, with the line's probe id, in instruction order.</summary>
        public IReadOnlyList<ProbeSite> Sites { get; }

        /// <summary>The id of the method's first line, under which the runtime also counts the method's own figures.</summary>
        public int MethodLineId => Sites[0].LineId;

        /// <summary>For async methods and async iterators: the calls that complete the builder or promise.</summary>
        public IReadOnlyCollection<Instruction> Completions { get; }

        /// <summary>For async methods and async iterators: the builder's AwaitOnCompleted calls, where an await suspends.</summary>
        public IReadOnlyCollection<Instruction> Suspensions { get; }

        /// <summary>
        /// A small member (see <see cref="SmallMember"/>): one count on entry, no frame, no clock, no try/finally, so
        /// that the JIT can still inline it.
        /// </summary>
        public bool CountedOnly { get; }

        /// <summary>Whether the frame lives in a state machine field (it must survive suspension).</summary>
        public bool FrameInStateMachine => Kind != StateMachineKind.None;

        /// <summary>Whether the method exits at every return, so a try/finally around its body closes the frame.</summary>
        public bool ExitsAtEveryReturn => Kind == StateMachineKind.None || Kind == StateMachineKind.Iterator;
    }

    /// <summary>A probe to insert before <see cref="Instruction"/>, counting for assembly-local line <see cref="LineId"/>.</summary>
    internal readonly struct ProbeSite
    {
        public ProbeSite(Instruction instruction, int lineId)
        {
            Instruction = instruction;
            LineId = lineId;
        }

        public Instruction Instruction { get; }
        public int LineId { get; }
    }
}
