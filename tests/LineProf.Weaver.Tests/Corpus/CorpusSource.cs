using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>What the corpus's source says about its own lines.</summary>
public static partial class CorpusSource
{
    private static readonly Lazy<IReadOnlyList<(string File, string[] Lines)>> s_files = new(() =>
        Directory.EnumerateFiles(Repository.PathOf("tests", "Corpus"), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllLines(f)))
            .ToList());

    /// <summary>
    /// Every line that holds nothing but <c>Ran.Here();</c>, as "File.cs:line", except under a <c>#line</c>
    /// directive (where the line a PDB records is not the physical one).
    /// </summary>
    public static IReadOnlyList<string> MarkerLines { get; } = PhysicalLines()
        .Where(l => l.Text.Trim() == "Ran.Here();")
        .Select(l => CaseOutcome.LineKey(l.File, l.Number))
        .ToList();

    /// <summary>
    /// Lines ending in <c>// hits: N</c> (or <c>// hits: debug N, release M</c>): how often the woven corpus must
    /// count them over all cases together.
    /// </summary>
    public static IReadOnlyDictionary<string, long> HitExpectations(string configuration)
    {
        var expectations = new Dictionary<string, long>();
        foreach (var line in PhysicalLines())
        {
            var match = Expectation().Match(line.Text);
            if (!match.Success) continue;
            var value = match.Groups["both"].Success ? match.Groups["both"].Value
                : configuration == "Debug" ? match.Groups["debug"].Value : match.Groups["release"].Value;
            expectations.Add(CaseOutcome.LineKey(line.File, line.Number), long.Parse(value));
        }

        return expectations;
    }

    private static IEnumerable<(string File, int Number, string Text)> PhysicalLines()
    {
        foreach (var (file, lines) in s_files.Value)
        {
            bool mapped = false;
            for (int i = 0; i < lines.Length; i++)
            {
                var text = lines[i].Trim();
                if (text.StartsWith("#line", StringComparison.Ordinal)) mapped = text != "#line default";
                else if (!mapped) yield return (file, i + 1, lines[i]);
            }
        }
    }

    [GeneratedRegex(@"// hits: (?:(?<both>\d+)|debug (?<debug>\d+), release (?<release>\d+))\s*$")]
    private static partial Regex Expectation();
}
