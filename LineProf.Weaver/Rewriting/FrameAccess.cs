using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Where a woven method keeps its <c>LineFrame</c> and how to push its address: a new local for ordinary
    /// methods, a new field of the state machine for MoveNext (locals do not survive an await or a yield).
    /// </summary>
    internal abstract class FrameAccess
    {
        /// <summary>Appends fresh instructions that push the frame's address; stack-neutral apart from that one push.</summary>
        public abstract void PushAddress(Collection<Instruction> code);

        public static FrameAccess InLocal(MethodBody body, TypeReference frameType)
        {
            var local = new VariableDefinition(frameType);
            body.Variables.Add(local);
            return new Local(local);
        }

        public static FrameAccess InStateMachine(MethodDefinition moveNext, TypeReference frameType)
        {
            var type = moveNext.DeclaringType;
            var field = type.Fields.FirstOrDefault(f => f.Name == ProbeContract.FrameFieldName);
            if (field == null)
            {
                field = new FieldDefinition(ProbeContract.FrameFieldName, FieldAttributes.Public, frameType);
                type.Fields.Add(field);
            }

            return new StateMachineField(FieldOnOwnInstance(field, type));
        }

        /// <summary>In a generic state machine the field must be referenced on the type instantiated over its own parameters.</summary>
        private static FieldReference FieldOnOwnInstance(FieldDefinition field, TypeDefinition type)
        {
            if (!type.HasGenericParameters) return field;
            var instance = new GenericInstanceType(type);
            foreach (var parameter in type.GenericParameters) instance.GenericArguments.Add(parameter);
            return new FieldReference(field.Name, field.FieldType, instance);
        }

        private sealed class Local : FrameAccess
        {
            private readonly VariableDefinition _local;

            public Local(VariableDefinition local) => _local = local;

            public override void PushAddress(Collection<Instruction> code) => code.Add(ShortForms.Local(OpCodes.Ldloca, _local));
        }

        private sealed class StateMachineField : FrameAccess
        {
            private readonly FieldReference _field;

            public StateMachineField(FieldReference field) => _field = field;

            public override void PushAddress(Collection<Instruction> code)
            {
                // ldarg.0 is the state machine: an object reference for a class, a managed pointer for a struct.
                code.Add(Instruction.Create(OpCodes.Ldarg_0));
                code.Add(Instruction.Create(OpCodes.Ldflda, _field));
            }
        }
    }
}
