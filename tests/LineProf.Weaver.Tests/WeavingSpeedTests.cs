using System.Diagnostics;
using LineProf.Weaving;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// Weaving stays linear in the size of the code and costs a small multiple of what Cecil needs just to read and
/// write the assembly. Figures go to the test log (BENCHMARKS.md, "Weaving speed", says how to get them). Times
/// are compared with times taken beside them rather than with fixed bounds: the machine may be shared.
/// </summary>
[NonParallelizable]
public sealed class WeavingSpeedTests
{
    private const int Types = 65;

    private TempFolder _folder = null!;
    private string _large = null!;
    private string _small = null!;

    [OneTimeSetUp]
    public void GenerateAssemblies()
    {
        _folder = new TempFolder("speed");
        // Four times the code in the same number of types: anything quadratic in a type's size shows too.
        _large = LargeAssembly.Build(Path.Combine(_folder.Path, "large"), Types, groupsPerType: 40);
        _small = LargeAssembly.Build(Path.Combine(_folder.Path, "small"), Types, groupsPerType: 10);
    }

    [OneTimeTearDown]
    public void CleanUp() => _folder?.Dispose();

    [Test]
    public void A_large_assembly_is_woven_at_a_small_multiple_of_the_cost_of_reading_and_writing_it()
    {
        var cecil = BestOf(3, _large, ReadAndWrite);
        var woven = BestOf(3, _large, Weave);
        var perSecond = woven.Methods / woven.Elapsed.TotalSeconds;
        TestContext.Progress.WriteLine(
            $"Weaving speed: {woven.Methods:N0} methods in {woven.Elapsed.TotalMilliseconds:N0} ms = {perSecond:N0} methods/s " +
            $"(read, plan, rewrite, write assembly and PDB; best of 3). Cecil alone, reading and writing the same assembly: " +
            $"{cecil.Elapsed.TotalMilliseconds:N0} ms. {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        Assert.Multiple(() =>
        {
            Assert.That(woven.Methods, Is.GreaterThanOrEqualTo(20_000));
            Assert.That(woven.Elapsed / cecil.Elapsed, Is.LessThan(4), "weaving's own work is less than Cecil's reading and writing, give or take");
        });
    }

    [Test]
    public void Four_times_the_code_takes_about_four_times_as_long()
    {
        var small = BestOf(3, _small, Weave);
        var large = BestOf(3, _large, Weave);
        var ratio = large.Elapsed / small.Elapsed;
        TestContext.Progress.WriteLine($"Weaving {small.Methods:N0} methods: {small.Elapsed.TotalMilliseconds:N0} ms; {large.Methods:N0}: {large.Elapsed.TotalMilliseconds:N0} ms (x{ratio:N1})");
        Assert.Multiple(() =>
        {
            Assert.That(large.Methods, Is.EqualTo(small.Methods * 4));
            Assert.That(ratio, Is.LessThan(8), "linear is about 4; quadratic about 16");
        });
    }

    [Test]
    public void A_method_with_thousands_of_returns_is_woven_in_linear_time()
    {
        // 10,000 branches and 10,000 returns in one method: the quadratic steps this guards against (an offset
        // pass per shortened branch, an insertion per return) took about 40 s here; linear work takes under one.
        var assembly = LargeAssembly.BuildOneLongMethod(Path.Combine(_folder.Path, "long"), 10_000);
        var (methods, elapsed) = BestOf(1, assembly, Weave);
        TestContext.Progress.WriteLine($"Weaving one method of 10,000 returns: {elapsed.TotalMilliseconds:N0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(methods, Is.EqualTo(1));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        });
    }

    private static int Weave(string assembly)
    {
        var (result, log) = Weaving.Weave(assembly);
        Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
        return result.Methods;
    }

    /// <summary>The floor under any Cecil weaver: read the module and its symbols, touch every body and point, write both.</summary>
    private static int ReadAndWrite(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly, new ReaderParameters { ReadSymbols = true, InMemory = true });
        int methods = 0;
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            methods += method.DebugInformation.SequencePoints.Count > 0 ? 1 : 0;
            _ = method.Body.Instructions.Count;
        }

        module.Write(assembly + ".out", new WriterParameters { WriteSymbols = true, SymbolWriterProvider = new PortablePdbWriterProvider(), DeterministicMvid = true });
        return methods;
    }

    /// <summary>Runs <paramref name="work"/> on fresh copies; the fastest run is the one least disturbed by the machine.</summary>
    private static (int Methods, TimeSpan Elapsed) BestOf(int runs, string assembly, Func<string, int> work)
    {
        var best = (Methods: 0, Elapsed: TimeSpan.MaxValue);
        for (int run = 0; run < runs; run++)
        {
            var copy = Path.Combine(Path.GetDirectoryName(assembly)!, "run", Path.GetFileName(assembly));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(assembly, copy, overwrite: true);
            File.Copy(Path.ChangeExtension(assembly, ".pdb"), Path.ChangeExtension(copy, ".pdb"), overwrite: true);

            var clock = Stopwatch.StartNew();
            int methods = work(copy);
            clock.Stop();
            if (clock.Elapsed < best.Elapsed) best = (methods, clock.Elapsed);
        }

        return best;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
