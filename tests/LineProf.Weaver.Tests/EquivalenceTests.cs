using System.Reflection;
using LineProf.Reporting;
using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;

namespace LineProf.Weaver.Tests;

/// <summary>
/// The corpus, built by the compiler in one configuration, and a woven copy of it, loaded side by side: every case
/// must return the same result or throw the same exception from the same lines, leave the same side effects, and
/// the woven copy must count each line exactly as often as it ran.
/// </summary>
[TestFixture("Debug")]
[TestFixture("Release")]
[NonParallelizable]
public sealed class EquivalenceTests
{
    private readonly CorpusBuild _build;
    private TempFolder _folder = null!;
    private Assembly _original = null!;
    private Assembly _woven = null!;

    public EquivalenceTests(string configuration)
    {
        _build = CorpusBuild.Of(configuration);
    }

    public static IEnumerable<TestCaseData> Cases() =>
        CorpusCase.Discover().Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    [OneTimeSetUp]
    public void WeaveAndLoad()
    {
        ProfilerForTests.Configure();
        _folder = new TempFolder("equivalence-" + _build.Configuration);
        var woven = _build.CopyTo(_folder.PathOf("woven"));
        var (result, log) = Weaving.Weave(woven);
        Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
        Assert.That(log.Problems, Is.Empty, "the corpus weaves without warnings");

        _original = CorpusLoadContext.Load("original-" + _build.Configuration, _build.AssemblyPath);
        _woven = CorpusLoadContext.Load("woven-" + _build.Configuration, woven);
    }

    [OneTimeTearDown]
    public void CleanUp() => _folder?.Dispose();

    [Test]
    public void The_woven_copy_is_really_woven_and_really_a_separate_copy()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_woven.GetType("<LineProf>LineMap"), Is.Not.Null);
            Assert.That(_original.GetType("<LineProf>LineMap"), Is.Null);
            Assert.That(_woven.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("LineProf.Runtime"));
        });
    }

    [Test]
    public void Every_method_of_the_woven_copy_compiles()
    {
        var (compiled, failures) = JitCompiler.CompileAll(_woven);
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(compiled, Is.GreaterThan(300), "the whole corpus was compiled, state machines and closures included");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_woven_case_does_exactly_what_the_original_does(CorpusCase corpusCase)
    {
        var original = await CaseRunner.RunAsync(_original, corpusCase);
        var (woven, lines) = await CaseRunner.RunProfiledAsync(_woven, corpusCase);

        Assert.Multiple(() =>
        {
            Assert.That(woven.Result, Is.EqualTo(original.Result), "result");
            Assert.That(woven.ExceptionType, Is.EqualTo(original.ExceptionType), "exception type");
            Assert.That(woven.ExceptionMessage, Is.EqualTo(original.ExceptionMessage), "exception message");
            Assert.That(woven.Frames.FirstOrDefault(), Is.EqualTo(original.Frames.FirstOrDefault()), "the exception is thrown from the same line");
            Assert.That(IsSubsequence(original.Frames, woven.Frames), Is.True,
                $"every frame of the original's trace is in the woven trace, at the same line:\n{string.Join("\n", original.Frames)}\nwoven:\n{string.Join("\n", woven.Frames)}");
            Assert.That(woven.Effects, Is.EqualTo(original.Effects), "side effects");
            Assert.That(woven.Executions, Is.EqualTo(original.Executions), "the same lines ran as often");
        });

        if (original.ExceptionType != null)
            Assert.That(original.Frames, Is.Not.Empty.And.All.Not.EndsWith(" in ?"), "the original's trace has file and line, so the comparison means something");

        var hits = HitsByLine(lines);
        Assert.Multiple(() =>
        {
            foreach (var (line, executions) in original.Executions)
                Assert.That(hits.GetValueOrDefault(line), Is.EqualTo(executions), $"hits of {line}, which ran {executions} time(s)");
            foreach (var marker in CorpusSource.MarkerLines.Where(m => !original.Executions.ContainsKey(m)))
                Assert.That(hits.GetValueOrDefault(marker), Is.Zero, $"hits of {marker}, which never ran");
        });
    }

    [Test]
    public async Task Lines_with_several_points_or_several_paths_have_the_hits_their_comment_states()
    {
        var hits = new Dictionary<string, long>();
        foreach (var corpusCase in CorpusCase.All(_woven))
        {
            var (_, lines) = await CaseRunner.RunProfiledAsync(_woven, corpusCase);
            foreach (var (line, count) in HitsByLine(lines)) hits[line] = hits.GetValueOrDefault(line) + count;
        }

        var expectations = CorpusSource.HitExpectations(_build.Configuration);
        Assert.That(expectations, Has.Count.GreaterThanOrEqualTo(5));
        Assert.Multiple(() =>
        {
            foreach (var (line, expected) in expectations)
                Assert.That(hits.GetValueOrDefault(line), Is.EqualTo(expected), $"hits of {line} over all cases");
        });
    }

    /// <summary>
    /// The woven trace may have frames the original lacks, never the reverse: the JIT turns a call just before a
    /// return into a tail call in optimized code, and the probes' try/finally rules that out in woven code.
    /// </summary>
    private static bool IsSubsequence(IReadOnlyList<string> part, IReadOnlyList<string> whole)
    {
        int next = 0;
        foreach (var frame in whole)
        {
            if (next < part.Count && part[next] == frame) next++;
        }

        return next == part.Count;
    }

    private static Dictionary<string, long> HitsByLine(IEnumerable<RequestLine> lines) =>
        lines.GroupBy(l => CaseOutcome.LineKey(l.File, l.Line)).ToDictionary(g => g.Key, g => g.Sum(l => l.Hits));
}
