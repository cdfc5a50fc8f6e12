using System.Diagnostics;
using System.Text;
using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;
using Mono.Cecil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// Input the weaver cannot or must not weave: it says so with an LP code that names the assembly and the fix, and
/// leaves every file exactly as it was: never a half-written assembly, never an assembly without its PDB.
/// </summary>
[NonParallelizable]
public sealed class BadInputTests
{
    private TempFolder _folder = null!;
    private string _assembly = null!;
    private string _pdb = null!;

    [SetUp]
    public void CopyCorpus()
    {
        _folder = new TempFolder("bad-input");
        _assembly = CorpusBuild.Release.CopyTo(_folder.Path);
        _pdb = Path.ChangeExtension(_assembly, ".pdb");
    }

    [TearDown]
    public void CleanUp()
    {
        foreach (var file in Directory.EnumerateFiles(_folder.Path)) File.SetAttributes(file, FileAttributes.Normal);
        _folder.Dispose();
    }

    [Test]
    public void An_assembly_without_a_pdb_is_left_as_it_was_with_a_warning_naming_the_fix()
    {
        File.Delete(_pdb);
        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(log, WeaveMessageLevel.Warning, "LP0101", "LineProf.Corpus.dll", "<DebugType>portable</DebugType>");
            Assert.That(Snapshot(), Is.EqualTo(before), "the files are exactly as they were");
        });
    }

    [Test]
    public void An_assembly_with_a_windows_pdb_is_left_as_it_was_with_a_warning_naming_the_fix()
    {
        var msf = Encoding.ASCII.GetBytes("Microsoft C/C++ MSF 7.00\r\n\u001aDS\0\0\0");
        File.WriteAllBytes(_pdb, [.. msf, .. new byte[4096 - msf.Length]]);
        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(log, WeaveMessageLevel.Warning, "LP0102", "LineProf.Corpus.dll", "<DebugType>portable</DebugType>");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void An_assembly_whose_pdb_has_no_sequence_points_is_left_as_it_was_with_a_warning_naming_the_fix()
    {
        using (var module = ModuleDefinition.ReadModule(CorpusBuild.Release.AssemblyPath, new ReaderParameters { ReadSymbols = true }))
        {
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods)) method.DebugInformation.SequencePoints.Clear();
            module.Write(_assembly, new WriterParameters { WriteSymbols = true });
        }

        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NothingToWeave));
            AssertSingleProblem(log, WeaveMessageLevel.Warning, "LP0108", "LineProf.Corpus.dll", "<DebugType>portable</DebugType>");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void An_assembly_whose_methods_are_all_excluded_is_left_as_it_was_with_a_warning_naming_the_settings()
    {
        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly, options: new WeaveOptions { Exclude = ["LineProf.*"] });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NothingToWeave));
            AssertSingleProblem(log, WeaveMessageLevel.Warning, "LP0103", "LineProf.Corpus.dll", "LineProfileExclude");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void An_assembly_with_the_pdb_of_another_build_is_left_as_it_was_with_a_warning()
    {
        File.Copy(CorpusBuild.Debug.PdbPath, _pdb, overwrite: true);
        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(log, WeaveMessageLevel.Warning, "LP0104", "LineProf.Corpus.dll", "Rebuild");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [TestCase("random bytes")]
    [TestCase("truncated assembly")]
    [TestCase("native executable")]
    [TestCase("empty file")]
    public void A_file_that_is_not_a_dotnet_assembly_fails_the_build_and_stays_as_it_was(string kind)
    {
        byte[] content = kind switch
        {
            "random bytes" => RandomBytes(20_000),
            "truncated assembly" => File.ReadAllBytes(_assembly)[..4000],
            "native executable" => File.ReadAllBytes("/bin/true"),
            _ => [],
        };
        File.WriteAllBytes(_assembly, content);
        var before = Snapshot();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(log, WeaveMessageLevel.Error, "LP0202", "LineProf.Corpus.dll", "rebuild");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void A_read_only_assembly_fails_the_build_after_a_short_retry_and_nothing_is_replaced()
    {
        File.SetAttributes(_assembly, FileAttributes.ReadOnly);
        var before = Snapshot();
        var clock = Stopwatch.StartNew();
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(log, WeaveMessageLevel.Error, "LP0204", "LineProf.Corpus.dll", "read-only");
            Assert.That(Snapshot(), Is.EqualTo(before), "neither the assembly nor its PDB was replaced");
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)).And.LessThan(TimeSpan.FromSeconds(30)), "it retried, briefly");
        });
    }

    [TestCase(".dll")]
    [TestCase(".pdb")]
    public void A_locked_assembly_or_pdb_fails_the_build_after_a_short_retry_and_nothing_is_replaced(string extension)
    {
        var before = Snapshot();
        Attempt outcome;
        using (new FileStream(Path.ChangeExtension(_assembly, extension), FileMode.Open, FileAccess.Read, FileShare.None))
            outcome = Weave();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Result.Outcome, Is.EqualTo(WeaveOutcome.NotWoven));
            AssertSingleProblem(outcome.Log, WeaveMessageLevel.Error, "LP0206", "LineProf.Corpus" + extension, "another process");
            Assert.That(Snapshot(), Is.EqualTo(before), "neither the assembly nor its PDB was replaced");
            Assert.That(outcome.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)).And.LessThan(TimeSpan.FromSeconds(30)), "it retried, briefly");
        });
    }

    [Test]
    public void A_lock_released_while_the_weaver_retries_does_not_fail_the_build()
    {
        var locked = new FileStream(_assembly, FileMode.Open, FileAccess.Read, FileShare.None);
        using var release = new Timer(_ => locked.Dispose(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        var (result, log) = Weaving.Weave(_assembly);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
            Assert.That(log.Problems, Is.Empty);
        });
    }

    [Test]
    public void No_temporary_files_are_left_beside_the_assembly_whatever_happens()
    {
        Weaving.Weave(_assembly);
        File.SetAttributes(_assembly, FileAttributes.ReadOnly);
        Weaving.Weave(Path.Combine(_folder.Path, "missing.dll"));
        Assert.That(Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "LineProf.Corpus.dll", "LineProf.Corpus.pdb" }), "not even a lock file");
    }

    private sealed record Attempt(WeaveResult Result, RecordingLog Log, TimeSpan Elapsed);

    private Attempt Weave()
    {
        var clock = Stopwatch.StartNew();
        var (result, log) = Weaving.Weave(_assembly);
        return new Attempt(result, log, clock.Elapsed);
    }

    /// <summary>Every file in the folder with its bytes, so "left as it was" means exactly that.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(_folder.Path).ToDictionary(p => Path.GetFileName(p),
            p => File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "folder");

    private static void AssertSingleProblem(RecordingLog log, WeaveMessageLevel level, string code, params string[] mentions)
    {
        Assert.That(log.Problems, Has.Count.EqualTo(1), log.ToString());
        var problem = log.Problems.Single();
        Assert.That(problem.Level, Is.EqualTo(level), problem.ToString());
        Assert.That(problem.Code, Is.EqualTo(code), problem.ToString());
        foreach (var mention in mentions) Assert.That(problem.Text, Does.Contain(mention), "the message names " + mention);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
