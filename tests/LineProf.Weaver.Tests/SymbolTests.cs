using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace LineProf.Weaver.Tests;

/// <summary>
/// The woven PDB describes the woven IL as the original PDB described the original IL: every sequence point is
/// still there, on the same instruction it marked, so debuggers and stack traces show the same lines.
/// </summary>
[TestFixture("Debug")]
[TestFixture("Release")]
public sealed class SymbolTests
{
    private readonly CorpusBuild _build;

    public SymbolTests(string configuration)
    {
        _build = CorpusBuild.Of(configuration);
    }

    [Test]
    public void Every_sequence_point_stays_on_the_instruction_it_marked()
    {
        using var folder = new TempFolder("symbols-" + _build.Configuration);
        var woven = _build.CopyTo(folder.Path);
        Assert.That(Weaving.Weave(woven).Result.Outcome, Is.EqualTo(WeaveOutcome.Woven));

        var expected = PointsByMethod(_build.AssemblyPath);
        var actual = PointsByMethod(woven);
        Assert.That(expected.Values.Sum(p => p.Count), Is.GreaterThan(1000), "the corpus has sequence points to compare");
        Assert.Multiple(() =>
        {
            foreach (var (method, points) in expected)
                Assert.That(actual.GetValueOrDefault(method), Is.EqualTo(points).Using<string>(SamePoint), method);
        });
    }

    /// <summary>
    /// Equal, except that a point on a return now marks the start of the exit path: in a woven method that closes
    /// its frame in a finally, the ret itself becomes the leave (or the store of the result) that goes there.
    /// </summary>
    private static bool SamePoint(string woven, string original)
    {
        if (woven == original) return true;
        int bracket = original.IndexOf('[');
        return original[bracket..] == "[ret ]" && woven[..bracket] == original[..bracket] &&
               (woven[bracket..] == "[leave →]" || woven[bracket..].StartsWith("[stloc V_", StringComparison.Ordinal));
    }

    /// <summary>Method → its sequence points, each as "document:start-end [the instruction it marks]".</summary>
    private static Dictionary<string, List<string>> PointsByMethod(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = true, InMemory = true });
        var points = new Dictionary<string, List<string>>();
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            // Long and short branch forms are the same instruction for this purpose; the weaver may change them.
            method.Body.SimplifyMacros();
            var byOffset = method.Body.Instructions.ToDictionary(i => i.Offset);
            points.Add(method.FullName, method.DebugInformation.SequencePoints.Select(p =>
                $"{Path.GetFileName(p.Document.Url)}:{p.StartLine}.{p.StartColumn}-{p.EndLine}.{p.EndColumn} [{Describe(byOffset[p.Offset])}]").ToList());
        }

        return points;
    }

    private static string Describe(Instruction instruction) => instruction.OpCode.Name + " " + instruction.Operand switch
    {
        Instruction => "→", // a target the weaver gave a probe is now the probe
        Instruction[] targets => targets.Length + " targets",
        VariableDefinition variable => "V_" + variable.Index,
        _ => instruction.Operand?.ToString(),
    };
}
