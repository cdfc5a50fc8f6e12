using System.Globalization;
using System.Text.RegularExpressions;

namespace LineProf.Tool.Tests;

/// <summary>A row of a listing as printed: a line with its cells as text, or a fold of cold lines.</summary>
public sealed record ShownRow(int? Line, string Hits, string Time, string PerHit, string Percent, string Self, string Source, Match? Fold);

/// <summary>One method of 'lineprof show', read back from its text.</summary>
public sealed record ShownMethod(string Method, int FirstLine, string File, string Total, IReadOnlyList<ShownRow> Rows)
{
    public IEnumerable<ShownRow> Lines => Rows.Where(r => r.Line != null);
}

/// <summary>
/// Reads the text of 'lineprof show' back into methods and rows, by the column edges its header gives (figures are
/// right-aligned under their titles), so a test compares what a person sees with the report's JSON.
/// </summary>
public static partial class ShowListing
{
    private static readonly string[] s_titles = { "Line #", "Hits", "Time", "Per Hit", "% Time", "Self" };

    public static List<ShownMethod> Parse(string output)
    {
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var methods = new List<ShownMethod>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("Total time: ", StringComparison.Ordinal)) continue;
            string total = lines[i]["Total time: ".Length..];
            string file = lines[i + 1]["File: ".Length..];
            var method = MethodLine().Match(lines[i + 2]);
            Assert.That(method.Success, Is.True, "a method line: " + lines[i + 2]);
            string header = lines[i + 4];
            Assert.That(lines[i + 5], Is.EqualTo(new string('=', header.Length)), "a rule under the header");
            var ends = new List<int>();
            int from = 0;
            foreach (var title in s_titles)
            {
                int at = header.IndexOf(title, from, StringComparison.Ordinal);
                ends.Add(at + title.Length);
                from = at + title.Length;
            }

            int contents = header.IndexOf("Line Contents", StringComparison.Ordinal);
            var rows = new List<ShownRow>();
            for (i += 6; i < lines.Length && lines[i].Length > 0; i++)
            {
                string row = lines[i];
                var fold = FoldLine().Match(row);
                if (fold.Success)
                {
                    rows.Add(new ShownRow(null, "", "", "", "", "", "", fold));
                    continue;
                }

                var cells = ends.Select((end, c) => Cell(row, c == 0 ? 0 : ends[c - 1], end)).ToArray();
                string source = row.Length > contents ? row[contents..] : "";
                if (cells[0].Length == 0)
                {
                    // A statement's next line, under the source of the line it starts on.
                    rows[^1] = rows[^1] with { Source = rows[^1].Source + "\n" + source };
                    continue;
                }

                rows.Add(new ShownRow(int.Parse(cells[0], CultureInfo.InvariantCulture), cells[1], cells[2], cells[3], cells[4], cells[5], source, null));
            }

            methods.Add(new ShownMethod(method.Groups[1].Value, int.Parse(method.Groups[2].Value, CultureInfo.InvariantCulture), file, total, rows));
        }

        return methods;
    }

    /// <summary>A time as shown ("1.76 s", "147 µs") in nanoseconds.</summary>
    public static double Nanoseconds(string text)
    {
        var parts = text.Split(' ');
        double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
        return value * parts[1] switch { "ns" => 1, "µs" => 1e3, "ms" => 1e6, "s" => 1e9, _ => throw new FormatException(text) };
    }

    /// <summary>Whether a time shown with three significant digits is <paramref name="nanoseconds"/>.</summary>
    public static bool Shows(string text, double nanoseconds) =>
        Math.Abs(Nanoseconds(text) - nanoseconds) <= Math.Abs(nanoseconds) * 0.005 + 0.5;

    public static long Count(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Cell(string row, int start, int end) => start >= row.Length ? "" : row[start..Math.Min(end, row.Length)].Trim();

    [GeneratedRegex(@"^Method: (.+) at line (\d+)$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^\s*⋯  (\d+) lines \((\d+)–(\d+)\), each under 1% of the method's time")]
    private static partial Regex FoldLine();
}
