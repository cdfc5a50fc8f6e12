using LineProf.LineMaps;
using LineProf.Testing;
using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;
using Mono.Cecil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// How the woven line map names what it records: every source method apart (overloads by their parameter types),
/// lambdas by their enclosing method and line, each line with its whole statement's text.
/// </summary>
[NonParallelizable]
public sealed class NamesTests
{
    private const string Names = "LineProf.Corpus.Names.";

    private TempFolder _folder = null!;
    private string _woven = null!;
    private IReadOnlyList<LineMapEntry> _lines = null!;

    [OneTimeSetUp]
    public void Weave()
    {
        _folder = new TempFolder("names");
        _woven = CorpusBuild.Release.CopyTo(_folder.Path);
        var (result, log) = Weaving.Weave(_woven);
        Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
        _lines = LineMapOf(_woven);
    }

    [OneTimeTearDown]
    public void CleanUp() => _folder?.Dispose();

    [Test]
    public void Overloads_are_named_apart_by_their_parameter_types_and_a_lone_method_by_its_name()
    {
        var methods = _lines.Select(l => l.Method).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(methods, Does.Contain(Names + "Outer(int)"));
            Assert.That(methods, Does.Contain(Names + "Outer(int, int)"));
            Assert.That(methods, Does.Contain(Names + "Outer(string)"));
            Assert.That(methods, Does.Contain(Names + "Outer(int[])"));
            Assert.That(methods, Does.Contain(Names + "Later(int)"), "an async overload, named from its state machine");
            Assert.That(methods, Does.Contain(Names + "Later(int, int)"));
            Assert.That(methods, Does.Contain(Names + "StatementOverLines"));
            Assert.That(methods, Does.Not.Contain(Names + "Outer"));
            Assert.That(methods, Does.Contain("LineProf.Corpus.Meters.op_Explicit(LineProf.Corpus.Meters) : int"), "conversions differ only in what they return");
            Assert.That(methods, Does.Contain("LineProf.Corpus.Meters.op_Explicit(LineProf.Corpus.Meters) : double"));
        });
    }

    [Test]
    public void A_lambda_is_named_by_the_overload_it_is_written_in_and_its_line()
    {
        int scale = LineOf("Func<int, long> scale = x =>");
        int length = LineOf("Func<string, long> length = s =>");
        int times = LineOf("Func<int, long> times = x =>");
        int sum = LineOf("values.Sum(v => (long)v)");
        Assert.Multiple(() =>
        {
            Assert.That(MethodAt(scale, "lambda"), Is.EqualTo(Names + $"Outer(int, int) lambda@{scale}"));
            Assert.That(MethodAt(length, "lambda"), Is.EqualTo(Names + $"Outer(string) lambda@{length}"));
            Assert.That(MethodAt(times, "lambda"), Is.EqualTo(Names + $"Later(int, int) lambda@{times}"), "inside an async overload");
            Assert.That(MethodAt(sum, "lambda"), Is.EqualTo(Names + $"Outer(int[]) lambda@{sum}"));
        });
    }

    [Test]
    public void Async_lambdas_are_named_by_their_line_too()
    {
        // Their bodies are in state machines, so their own methods have no line; minimal APIs' endpoints are such lambdas.
        int increment = LineOf("increment = async x =>");
        int twice = LineOf("return x * 2; // the body of the second async lambda");
        var first = MethodAt(increment, "lambda");
        var second = MethodAt(twice, "lambda");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Names + $"AsyncLambdas lambda@{increment}"));
            Assert.That(second, Does.Match($@"^{System.Text.RegularExpressions.Regex.Escape(Names)}AsyncLambdas lambda@\d+$"));
            Assert.That(second, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void Two_lambdas_starting_on_one_line_are_told_apart_by_their_column()
    {
        int line = LineOf("Func<int, int> add = x => x + 1;");
        var lambdas = _lines.Where(l => l.Line == line && l.Method.Contains(" lambda@")).Select(l => l.Method).Distinct().ToList();
        int overloads = LineOf("public static long Overloads(int n)");
        var text = File.ReadAllLines(Repository.PathOf("tests", "Corpus", "Names.cs"))[line - 1];
        int first = text.IndexOf("x + 1", StringComparison.Ordinal) + 1, second = text.IndexOf("x * 2", StringComparison.Ordinal) + 1; // a lambda's line starts at its body
        Assert.Multiple(() =>
        {
            Assert.That(lambdas, Is.EquivalentTo(new[] { Names + $"TwoLambdasOnALine lambda@{line}:{first}", Names + $"TwoLambdasOnALine lambda@{line}:{second}" }));
            Assert.That(MethodAt(overloads, "lambda"), Is.EqualTo(Names + $"Overloads lambda@{overloads}"), "no column when the line has one lambda");
        });
    }

    [Test]
    public void A_statement_over_several_lines_reads_whole()
    {
        int line = LineOf("var total = Enumerable.Range(0, n)");
        var entry = _lines.Single(l => l.Line == line && l.Method == Names + "StatementOverLines");
        var statement = entry.Source.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(statement, Has.Length.EqualTo(3), entry.Source);
            Assert.That(statement[0].Trim(), Is.EqualTo("var total = Enumerable.Range(0, n)"));
            Assert.That(statement[1].Trim(), Is.EqualTo(".Where(i => i % 2 == 0)"));
            Assert.That(statement[2].Trim(), Is.EqualTo(".Sum();"));
        });
    }

    [Test]
    public async Task Each_overload_counts_only_its_own_calls_and_time()
    {
        var context = CorpusLoadContext.Load("names-" + Guid.NewGuid().ToString("N")[..8], _woven);
        ProfilerForTests.Configure();
        var (_, request) = await CaseRunner.RunAsRequestAsync(context, CorpusCase.All(context).Single(c => c.MethodName == "Overloads"));
        var outer = request.Methods.Where(m => m.Method.StartsWith(Names + "Outer(", StringComparison.Ordinal) && !m.Method.Contains(" lambda@")).ToDictionary(m => m.Method);
        Assert.Multiple(() =>
        {
            Assert.That(outer.Keys, Is.EquivalentTo(new[] { Names + "Outer(int)", Names + "Outer(int, int)", Names + "Outer(string)", Names + "Outer(int[])" }));
            Assert.That(outer[Names + "Outer(int)"].Calls, Is.EqualTo(1));
            Assert.That(outer[Names + "Outer(int, int)"].Calls, Is.EqualTo(2), "once directly, once from Outer(int)");
            Assert.That(outer[Names + "Outer(int, int)"].TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
            Assert.That(outer[Names + "Outer(int)"].TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
        });
    }

    /// <summary>The line map the weaver stored in <paramref name="assembly"/>.</summary>
    internal static IReadOnlyList<LineMapEntry> LineMapOf(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        var resource = module.Resources.OfType<EmbeddedResource>().Single(r => r.Name == ProbeContract.LineMapResource);
        using var stream = resource.GetResourceStream();
        return LineMapFormat.Read(stream);
    }

    private string MethodAt(int line, string containing) =>
        _lines.Where(l => l.Line == line && l.File.EndsWith("Names.cs", StringComparison.Ordinal) && l.Method.Contains(containing))
            .Select(l => l.Method).Distinct().Single();

    /// <summary>The 1-based line of Names.cs that holds <paramref name="text"/>, which must be on one line only.</summary>
    private static int LineOf(string text)
    {
        var lines = File.ReadAllLines(Repository.PathOf("tests", "Corpus", "Names.cs"));
        return Enumerable.Range(0, lines.Length).Single(i => lines[i].Contains(text, StringComparison.Ordinal)) + 1;
    }
}
