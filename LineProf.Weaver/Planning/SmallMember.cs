using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Recognises a member the JIT would inline: a getter, a forwarding overload, a one-line predicate. A frame would
    /// cost it more than its own line (the frame's stores, a try/finally, the IL that puts it over the inlining size
    /// limit, and the lost inlining itself), so it is counted instead of timed and its time stays in the calling line,
    /// as if inlined.
    /// </summary>
    internal static class SmallMember
    {
        /// <summary>
        /// The most IL bytes a small member may have: with its count added it stays well under the JIT's limit for
        /// inlining a method that is not marked for it (100 bytes), and over a few times its always-inline size (16).
        /// </summary>
        internal const int MaxCodeSize = 32;

        /// <param name="method">A method with a body.</param>
        /// <param name="kind">Its state-machine kind.</param>
        /// <param name="sites">Its probe sites (one per non-hidden sequence point).</param>
        /// <param name="codeSize">Its IL size in bytes.</param>
        public static bool Is(MethodDefinition method, StateMachineKind kind, int sites, int codeSize)
        {
            // One line, reached on every call before anything else can happen, so one count on entry is its hit.
            if (kind != StateMachineKind.None || sites != 1 || codeSize > MaxCodeSize) return false;
            var body = method.Body;
            if (body.HasExceptionHandlers) return false;

            foreach (var instruction in body.Instructions)
            {
                switch (instruction.OpCode.Code)
                {
                    case Code.Switch:
                        foreach (var target in (Instruction[])instruction.Operand)
                            if (target.Offset <= instruction.Offset) return false;
                        break;
                    default:
                        if (instruction.Operand is Instruction branchTarget && branchTarget.Offset <= instruction.Offset)
                            return false;                            // a loop: its time is worth a line of its own
                        break;
                }
            }

            return true;
        }
    }
}
