using System.Globalization;
using LineProf.LineMaps;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Fody.Tests;

/// <summary>What a build wrote, read back with Cecil: its line map, its resources and the IL of every method.</summary>
internal sealed class WovenAssembly : IDisposable
{
    private readonly ModuleDefinition _module;

    public WovenAssembly(string path)
    {
        _module = ModuleDefinition.ReadModule(path, new ReaderParameters { InMemory = true });
    }

    public bool IsWoven => _module.GetType(ProbeContract.LineMapTypeName) != null;

    public IReadOnlyList<string> ResourceNames => _module.Resources.Select(r => r.Name).ToList();

    public byte[] LineMapBytes =>
        _module.Resources.OfType<EmbeddedResource>().Single(r => r.Name == ProbeContract.LineMapResource).GetResourceData();

    public IReadOnlyList<LineMapEntry> LineMap => LineMapFormat.Read(new MemoryStream(LineMapBytes));

    /// <summary>
    /// Every method body as text, keyed by the method's full name: opcodes with their operands by name (and branch
    /// targets by index), so two builds compare equal exactly when their IL is the same instruction for instruction.
    /// Types whose name matches <paramref name="skipType"/> (a weaving tool's own marker) are left out.
    /// </summary>
    public IReadOnlyDictionary<string, string> MethodBodies(Func<TypeDefinition, bool>? skipType = null)
    {
        var bodies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in _module.GetTypes().Where(t => skipType == null || !skipType(t)))
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
                bodies.Add(method.FullName, Listing(method.Body));
        }

        return bodies;
    }

    /// <summary>How many probe calls of each kind (Enter, Hit, ...) the module's methods make.</summary>
    public IReadOnlyDictionary<string, int> ProbeCalls() => _module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
        .SelectMany(m => m.Body.Instructions)
        .Select(i => i.Operand as MethodReference)
        .Where(m => m != null && m.DeclaringType.FullName == ProbeContract.ProbeNamespace + "." + ProbeContract.ProbeType)
        .GroupBy(m => m!.Name).ToDictionary(g => g.Key, g => g.Count());

    public void Dispose() => _module.Dispose();

    private static string Listing(MethodBody body)
    {
        var index = body.Instructions.Select((instruction, i) => (instruction, i)).ToDictionary(p => p.instruction, p => p.i);
        var lines = body.Instructions.Select(i => i.OpCode.Name + " " + Operand(i.Operand, index)).ToList();
        lines.AddRange(body.ExceptionHandlers.Select(h =>
            $"{h.HandlerType} try {Target(h.TryStart, index)}-{Target(h.TryEnd, index)} handler {Target(h.HandlerStart, index)}-{Target(h.HandlerEnd, index)}"));
        lines.Add("locals " + string.Join(",", body.Variables.Select(v => v.VariableType.FullName)));
        return string.Join("\n", lines);
    }

    private static string Operand(object? operand, IReadOnlyDictionary<Instruction, int> index) => operand switch
    {
        null => "",
        Instruction target => "@" + index[target],
        Instruction[] targets => string.Join(",", targets.Select(t => "@" + index[t])),
        MemberReference member => member.FullName,
        VariableDefinition variable => "V" + variable.Index,
        ParameterDefinition parameter => "P" + parameter.Index,
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => operand.ToString() ?? "",
    };

    private static string Target(Instruction? instruction, IReadOnlyDictionary<Instruction, int> index) =>
        instruction == null ? "end" : "@" + index[instruction];
}
