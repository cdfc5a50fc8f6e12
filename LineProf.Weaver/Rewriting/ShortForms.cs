using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Long and short instruction forms, in time linear in the method's size. Probes pushed between a short branch
    /// and its target can put the target out of its reach, so branches are made long before rewriting and as short
    /// as they can be after. Cecil's Simplify/OptimizeMacros would do it, but OptimizeMacros recomputes every
    /// offset after each branch it shortens: a method with 20,000 branches took minutes to weave.
    /// </summary>
    internal static class ShortForms
    {
        private static readonly Dictionary<Code, OpCode> s_longBranch = new Dictionary<Code, OpCode>();
        private static readonly Dictionary<Code, OpCode> s_shortBranch = new Dictionary<Code, OpCode>();
        private static readonly OpCode[] s_loads = { OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3 };
        private static readonly OpCode[] s_stores = { OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3 };

        static ShortForms()
        {
            Pair(OpCodes.Br_S, OpCodes.Br);
            Pair(OpCodes.Brfalse_S, OpCodes.Brfalse);
            Pair(OpCodes.Brtrue_S, OpCodes.Brtrue);
            Pair(OpCodes.Beq_S, OpCodes.Beq);
            Pair(OpCodes.Bge_S, OpCodes.Bge);
            Pair(OpCodes.Bgt_S, OpCodes.Bgt);
            Pair(OpCodes.Ble_S, OpCodes.Ble);
            Pair(OpCodes.Blt_S, OpCodes.Blt);
            Pair(OpCodes.Bne_Un_S, OpCodes.Bne_Un);
            Pair(OpCodes.Bge_Un_S, OpCodes.Bge_Un);
            Pair(OpCodes.Bgt_Un_S, OpCodes.Bgt_Un);
            Pair(OpCodes.Ble_Un_S, OpCodes.Ble_Un);
            Pair(OpCodes.Blt_Un_S, OpCodes.Blt_Un);
            Pair(OpCodes.Leave_S, OpCodes.Leave);
        }

        /// <summary>Gives every branch its long form, which reaches anywhere in the method.</summary>
        public static void LengthenBranches(MethodBody body)
        {
            foreach (var instruction in body.Instructions)
            {
                if (s_longBranch.TryGetValue(instruction.OpCode.Code, out var longForm)) instruction.OpCode = longForm;
            }
        }

        /// <summary>
        /// Gives the short form to every branch whose target it reaches. A branch is shortened only if it reaches with
        /// the offsets as they are before the pass: shortening others only brings targets closer, so no branch
        /// shortened in a pass can end up out of reach. A further pass finds those that came within reach.
        /// </summary>
        public static void ShortenBranches(MethodBody body)
        {
            for (int pass = 0; pass < 3; pass++)
            {
                ComputeOffsets(body);
                bool shortened = false;
                foreach (var instruction in body.Instructions)
                {
                    if (!s_shortBranch.TryGetValue(instruction.OpCode.Code, out var shortForm)) continue;
                    int distance = ((Instruction)instruction.Operand).Offset - (instruction.Offset + 2);
                    if (distance < sbyte.MinValue || distance > sbyte.MaxValue) continue;
                    instruction.OpCode = shortForm;
                    shortened = true;
                }

                if (!shortened) break;
            }

            ComputeOffsets(body);
        }

        /// <summary>The shortest instruction that pushes <paramref name="value"/>.</summary>
        public static Instruction LoadConstant(int value)
        {
            switch (value)
            {
                case -1: return Instruction.Create(OpCodes.Ldc_I4_M1);
                case 0: return Instruction.Create(OpCodes.Ldc_I4_0);
                case 1: return Instruction.Create(OpCodes.Ldc_I4_1);
                case 2: return Instruction.Create(OpCodes.Ldc_I4_2);
                case 3: return Instruction.Create(OpCodes.Ldc_I4_3);
                case 4: return Instruction.Create(OpCodes.Ldc_I4_4);
                case 5: return Instruction.Create(OpCodes.Ldc_I4_5);
                case 6: return Instruction.Create(OpCodes.Ldc_I4_6);
                case 7: return Instruction.Create(OpCodes.Ldc_I4_7);
                case 8: return Instruction.Create(OpCodes.Ldc_I4_8);
            }

            return value >= sbyte.MinValue && value <= sbyte.MaxValue
                ? Instruction.Create(OpCodes.Ldc_I4_S, (sbyte)value)
                : Instruction.Create(OpCodes.Ldc_I4, value);
        }

        /// <summary>The shortest form of ldloc, stloc or ldloca for <paramref name="local"/>.</summary>
        public static Instruction Local(OpCode longForm, VariableDefinition local)
        {
            int index = local.Index;
            if (longForm.Code == Code.Ldloc && index <= 3) return Instruction.Create(s_loads[index]);
            if (longForm.Code == Code.Stloc && index <= 3) return Instruction.Create(s_stores[index]);
            if (index > byte.MaxValue) return Instruction.Create(longForm, local);
            var shortForm = longForm.Code == Code.Ldloc ? OpCodes.Ldloc_S : longForm.Code == Code.Stloc ? OpCodes.Stloc_S : OpCodes.Ldloca_S;
            return Instruction.Create(shortForm, local);
        }

        private static void ComputeOffsets(MethodBody body)
        {
            int offset = 0;
            foreach (var instruction in body.Instructions)
            {
                instruction.Offset = offset;
                offset += instruction.GetSize();
            }
        }

        private static void Pair(OpCode shortForm, OpCode longForm)
        {
            s_longBranch.Add(shortForm.Code, longForm);
            s_shortBranch.Add(longForm.Code, shortForm);
        }
    }
}
