using System.Reflection;
using LineProf.Reporting;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>Calls a corpus case in a loaded copy of the corpus and records what it did.</summary>
public static class CaseRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static async Task<CaseOutcome> RunAsync(Assembly corpus, CorpusCase corpusCase)
    {
        var type = corpus.GetType("LineProf.Corpus." + corpusCase.TypeName, throwOnError: true)!;
        var method = type.GetMethod(corpusCase.MethodName, BindingFlags.Public | BindingFlags.Static)!;
        var takeEffects = corpus.GetType("LineProf.Corpus.Effects", throwOnError: true)!.GetMethod("Take")!;
        var takeExecutions = corpus.GetType("LineProf.Corpus.Ran", throwOnError: true)!.GetMethod("Take")!;
        takeEffects.Invoke(null, null);
        takeExecutions.Invoke(null, null);

        string? result = null;
        Exception? exception = null;
        try
        {
            var returned = method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, corpusCase.FreshArguments(), null);
            result = ValueText.Of(await CompletedValue(method.ReturnType, returned));
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            exception = e;
        }

        var effects = (string[])takeEffects.Invoke(null, null)!;
        var executions = ((Dictionary<string, int>)takeExecutions.Invoke(null, null)!)
            .GroupBy(p => CaseOutcome.LineKey(p.Key[..p.Key.LastIndexOf(':')], int.Parse(p.Key[(p.Key.LastIndexOf(':') + 1)..])))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new CaseOutcome(result, exception, effects, executions);
    }

    /// <summary>
    /// Runs the case as one profiled request of its own, and returns what it did with the lines the request counted.
    /// Runs in its own async method so the request's ExecutionContext ends with it.
    /// </summary>
    public static async Task<(CaseOutcome Outcome, IReadOnlyList<RequestLine> Lines)> RunProfiledAsync(Assembly corpus, CorpusCase corpusCase)
    {
        var (outcome, request) = await RunAsRequestAsync(corpus, corpusCase);
        return (outcome, request.Lines);
    }

    /// <summary>As <see cref="RunProfiledAsync"/>, with the request's whole report: its methods too.</summary>
    public static async Task<(CaseOutcome Outcome, RequestReport Request)> RunAsRequestAsync(Assembly corpus, CorpusCase corpusCase)
    {
        var profiler = LineProfiler.Shared;
        profiler.Reset();
        var path = "/" + corpusCase;
        var scope = profiler.BeginRequest("CASE", path);
        Assert.That(scope.IsProfiled, Is.True, "the case runs in a profiled request");
        CaseOutcome outcome;
        try
        {
            outcome = await RunAsync(corpus, corpusCase);
        }
        finally
        {
            scope.End(200);
        }

        return (outcome, profiler.CreateReport().Requests.Single(r => r.Path == path));
    }

    /// <summary>What a case's return value amounts to once awaited: Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt;.</summary>
    private static async Task<object?> CompletedValue(Type declared, object? returned)
    {
        if (returned == null) return null;
        if (declared == typeof(ValueTask) || (declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            returned = declared.GetMethod("AsTask")!.Invoke(returned, null);
        if (returned is not Task task) return returned;

        await task.WaitAsync(s_timeout);
        var asTask = declared == typeof(ValueTask) ? typeof(Task) : declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(ValueTask<>)
            ? typeof(Task<>).MakeGenericType(declared.GetGenericArguments()) : declared;
        return asTask.IsGenericType ? asTask.GetProperty("Result")!.GetValue(task) : "completed";
    }
}
