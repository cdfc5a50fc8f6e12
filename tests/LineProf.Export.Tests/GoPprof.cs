using LineProf.Testing;

namespace LineProf.Export.Tests;

/// <summary>
/// Go's own pprof (Debian's golang-go, installed by build/test.sh): the reader every continuous profiler's format
/// follows, so what it decodes is what they decode.
/// </summary>
public static class GoPprof
{
    public static string Run(string workingDirectory, params string[] arguments)
    {
        var result = ProcessRunner.Run("go", ["tool", "pprof", .. arguments], workingDirectory,
            new Dictionary<string, string?> { ["PPROF_TMPDIR"] = workingDirectory, ["HOME"] = workingDirectory },
            TimeSpan.FromMinutes(2));
        Assert.That(result.ExitCode, Is.EqualTo(0), $"go tool pprof {string.Join(' ', arguments)} (install golang-go: build/test.sh does)\n{result}");
        return result.Output;
    }

    /// <summary>The rows of <c>-top -lines</c> for one sample type: flat value and the row's text.</summary>
    public static IReadOnlyList<(long Flat, string Text)> TopLines(string workingDirectory, string profile, string sampleType)
    {
        var output = Run(workingDirectory, "-sample_index=" + sampleType, "-top", "-lines", "-nodecount=1000", "-unit=ns", profile);
        var rows = new List<(long, string)>();
        // The rows follow the header (flat, flat%, ...): what comes before it (the profile's comments) is no row.
        foreach (var line in output.Split('\n').SkipWhile(l => !l.Contains("flat%", StringComparison.Ordinal)).Skip(1))
        {
            var fields = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && long.TryParse(fields[0].TrimEnd('n', 's'), out long flat)) rows.Add((flat, fields[1]));
        }

        Assert.That(rows, Is.Not.Empty, "go tool pprof listed no lines:\n" + output);
        return rows;
    }
}
