using System.Collections.Generic;
using LineProf.LineMaps;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Adds the woven module's line map: a manifest resource with the map itself, and a type whose static
    /// constructor registers the module's lines with the runtime and keeps the first id (<c>Base</c>) and one past
    /// the last (<c>End</c>) in static readonly fields, which the JIT folds into constants in optimized code.
    /// The type's presence also marks the module as woven.
    /// </summary>
    internal static class LineMapEmitter
    {
        public static bool IsWoven(ModuleDefinition module) => module.GetType(ProbeContract.LineMapTypeName) != null;

        public static LineMapFields Emit(ModuleDefinition module, ProbeCalls calls, IReadOnlyList<LineMapEntry> entries)
        {
            var type = new TypeDefinition("", ProbeContract.LineMapTypeName,
                TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit |
                TypeAttributes.Class, module.TypeSystem.Object);
            var first = new FieldDefinition(ProbeContract.LineMapBaseField,
                FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, module.TypeSystem.Int32);
            var end = new FieldDefinition(ProbeContract.LineMapEndField,
                FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, module.TypeSystem.Int32);
            type.Fields.Add(first);
            type.Fields.Add(end);

            var cctor = new MethodDefinition(".cctor",
                MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig |
                MethodAttributes.SpecialName | MethodAttributes.RTSpecialName, module.TypeSystem.Void);
            var il = cctor.Body.GetILProcessor();
            il.Emit(OpCodes.Ldtoken, type);
            il.Emit(OpCodes.Call, calls.GetTypeFromHandle);
            il.Emit(OpCodes.Ldc_I4, ProbeContract.Version);
            il.Emit(OpCodes.Ldc_I4, entries.Count);
            il.Emit(OpCodes.Call, calls.Register);
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Stsfld, first);
            il.Emit(OpCodes.Ldc_I4, entries.Count);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stsfld, end);
            il.Emit(OpCodes.Ret);
            type.Methods.Add(cctor);
            module.Types.Add(type);

            module.Resources.Add(new EmbeddedResource(ProbeContract.LineMapResource, ManifestResourceAttributes.Private,
                LineMapFormat.Write(entries)));
            return new LineMapFields(first, end);
        }
    }

    /// <summary>The line map's <c>Base</c> and <c>End</c> fields, which every probe reads.</summary>
    internal sealed class LineMapFields
    {
        public LineMapFields(FieldReference first, FieldReference end)
        {
            Base = first;
            End = end;
        }

        public FieldReference Base { get; }
        public FieldReference End { get; }
    }
}
