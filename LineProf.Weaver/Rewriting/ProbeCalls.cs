using Mono.Cecil;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// References, in the woven module, to the probe contract's methods and types in LineProf.Runtime. Built by
    /// hand rather than imported, so that no type is bound to the core library the weaver itself runs on.
    /// </summary>
    internal sealed class ProbeCalls
    {
        public ProbeCalls(ModuleDefinition module, AssemblyNameReference runtime)
        {
            if (!module.AssemblyReferences.Contains(runtime)) module.AssemblyReferences.Add(runtime);

            var probe = new TypeReference(ProbeContract.ProbeNamespace, ProbeContract.ProbeType, module, runtime);
            Frame = new TypeReference(ProbeContract.ProbeNamespace, ProbeContract.FrameType, module, runtime, valueType: true);
            var frameByRef = new ByReferenceType(Frame);
            var int32 = module.TypeSystem.Int32;
            var voidType = module.TypeSystem.Void;

            Enter = Static(probe, ProbeContract.Enter, voidType, frameByRef, int32, int32);
            Resume = Static(probe, ProbeContract.Resume, voidType, frameByRef, int32, int32);
            Hit = Static(probe, ProbeContract.Hit, voidType, frameByRef, int32);
            Exit = Static(probe, ProbeContract.Exit, voidType, frameByRef);
            Complete = Static(probe, ProbeContract.Complete, voidType, frameByRef);
            Suspend = Static(probe, ProbeContract.Suspend, voidType, frameByRef);
            Leave = Static(probe, ProbeContract.Leave, voidType, frameByRef);
            Count = Static(probe, ProbeContract.Count, voidType, int32, int32);

            var corlib = module.TypeSystem.CoreLibrary;
            var type = new TypeReference("System", "Type", module, corlib);
            var handle = new TypeReference("System", "RuntimeTypeHandle", module, corlib, valueType: true);
            GetTypeFromHandle = Static(type, "GetTypeFromHandle", type, handle);
            Register = Static(probe, ProbeContract.Register, int32, type, int32, int32);
        }

        public TypeReference Frame { get; }
        public MethodReference Enter { get; }
        public MethodReference Resume { get; }
        public MethodReference Hit { get; }
        public MethodReference Exit { get; }
        public MethodReference Complete { get; }
        public MethodReference Suspend { get; }
        public MethodReference Leave { get; }
        public MethodReference Count { get; }
        public MethodReference Register { get; }
        public MethodReference GetTypeFromHandle { get; }

        private static MethodReference Static(TypeReference declaringType, string name, TypeReference returnType, params TypeReference[] parameters)
        {
            var method = new MethodReference(name, returnType, declaringType) { HasThis = false };
            foreach (var parameter in parameters) method.Parameters.Add(new ParameterDefinition(parameter));
            return method;
        }
    }
}
