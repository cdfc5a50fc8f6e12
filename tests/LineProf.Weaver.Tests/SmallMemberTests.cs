using LineProf.Testing;
using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// Small members (one line, no loop, a few bytes of IL: getters, forwarding overloads) are counted without a frame, so
/// that the JIT still inlines them; every other method keeps its frame; LineProfileTimeSmallMembers frames them all.
/// </summary>
[NonParallelizable]
public sealed class SmallMemberTests
{
    private const string Names = "LineProf.Corpus.Names";
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder("small");

    [TearDown]
    public void CleanUp() => _folder.Dispose();

    [Test]
    public void A_small_member_is_counted_without_a_frame_and_a_longer_or_looping_one_keeps_it()
    {
        using var module = Woven(new WeaveOptions());
        var methods = WovenMethods(module);
        var counted = methods.Where(IsCounted).ToList();
        var framed = methods.Where(HasFrame).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(IsCounted(Method(module, Names, "Outer", "System.Int32")), Is.True, "a forwarding overload: Outer(int n) => Outer(n, 1)");
            Assert.That(HasFrame(Method(module, Names, "Outer", "System.Int32")), Is.False);
            Assert.That(HasFrame(Method(module, Names, "Outer", "System.Int32", "System.Int32")), Is.True, "a method of several lines");
            Assert.That(counted, Has.Count.GreaterThan(20), "the corpus has many one-line members");
            Assert.That(framed, Has.Count.GreaterThan(100));
            Assert.That(counted.Intersect(framed), Is.Empty, "a method is counted or framed, never both");
            Assert.That(methods.Except(counted).Except(framed), Is.Empty, "every woven method is one or the other");
            Assert.That(counted.Where(m => m.Body.HasExceptionHandlers), Is.Empty, "no try/finally in a counted member");
            Assert.That(counted.Where(HasLoop), Is.Empty, "a loop on one line is still timed");
            Assert.That(counted.Where(m => Calls(m, "Count") != 1 || m.Body.Instructions.First(i => i.OpCode == OpCodes.Call).Operand is not MethodReference { Name: "Count" }),
                Is.Empty, "one count, before the member's own code");
        });
    }

    [Test]
    public void LineProfileTimeSmallMembers_frames_every_method()
    {
        using var module = Woven(new WeaveOptions { TimeSmallMembers = true });
        var methods = WovenMethods(module);
        Assert.Multiple(() =>
        {
            Assert.That(methods.Where(m => Calls(m, "Count") > 0), Is.Empty);
            Assert.That(methods.Where(m => !HasFrame(m)), Is.Empty);
            Assert.That(HasFrame(Method(module, Names, "Outer", "System.Int32")), Is.True);
        });
    }

    [Test]
    public void The_line_map_marks_the_lines_of_counted_members_so_reports_can_say_their_time_is_the_callers()
    {
        var map = NamesTests.LineMapOf(WovenAssembly(new WeaveOptions()));
        var timedMap = NamesTests.LineMapOf(WovenAssembly(new WeaveOptions { TimeSmallMembers = true }));
        Assert.Multiple(() =>
        {
            Assert.That(map.Where(e => e.Method == Names + ".Outer(int)").Select(e => e.Counted), Is.EqualTo(new[] { true }),
                "the forwarding overload's one line");
            Assert.That(map.Where(e => e.Method == Names + ".Outer(int, int)").Select(e => e.Counted), Is.Not.Empty.And.All.False,
                "a method of several lines is timed");
            Assert.That(map.Count(e => e.Counted), Is.GreaterThan(20), "the corpus has many one-line members");
            Assert.That(timedMap.Where(e => e.Counted), Is.Empty, "LineProfileTimeSmallMembers times them all");
        });
    }

    private ModuleDefinition Woven(WeaveOptions options) => ModuleDefinition.ReadModule(WovenAssembly(options));

    private string WovenAssembly(WeaveOptions options)
    {
        var assembly = CorpusBuild.Release.CopyTo(_folder.PathOf(Guid.NewGuid().ToString("N")[..8]));
        var (result, log) = Weaving.Weave(assembly, options: options);
        Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
        return assembly;
    }

    /// <summary>Methods that call a probe, but the line map's registration.</summary>
    private static List<MethodDefinition> WovenMethods(ModuleDefinition module) =>
        module.GetTypes().Where(t => t.Name != "<LineProf>LineMap").SelectMany(t => t.Methods).Where(m => m.HasBody && m.Body.Instructions.Any(IsProbeCall)).ToList();

    private static bool IsCounted(MethodDefinition method) => Calls(method, "Count") > 0;

    /// <summary>A LineFrame local, or a LineFrame field in the state machine whose MoveNext this is.</summary>
    private static bool HasFrame(MethodDefinition method) =>
        method.Body.Variables.Any(v => v.VariableType.Name == "LineFrame") || method.DeclaringType.Fields.Any(f => f.FieldType.Name == "LineFrame");

    private static bool HasLoop(MethodDefinition method) =>
        method.Body.Instructions.Any(i => i.Operand is Instruction target && target.Offset <= i.Offset);

    private static int Calls(MethodDefinition method, string probe) =>
        method.Body.Instructions.Count(i => IsProbeCall(i) && ((MethodReference)i.Operand).Name == probe);

    private static bool IsProbeCall(Instruction instruction) =>
        instruction.OpCode == OpCodes.Call && instruction.Operand is MethodReference { DeclaringType.FullName: "LineProf.Probe" };

    private static MethodDefinition Method(ModuleDefinition module, string type, string name, params string[] parameters) =>
        module.GetType(type).Methods.Single(m => m.Name == name && m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(parameters));
}
