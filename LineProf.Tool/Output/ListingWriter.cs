using System.Globalization;
using System.Text;
using LineProf.Tool.Analysis;

namespace LineProf.Tool.Output;

/// <summary>
/// Writes methods as line_profiler lists a function: a header (time, calls, file, first line, what it is summed
/// over), then every line with Line #, Hits, Time, Per Hit, % Time, Self and its source, rows coloured by their share
/// of the method's time as the page colours them, long cold stretches folded as the page folds them.
/// </summary>
public sealed class ListingWriter
{
    /// <summary>A statement over more lines than this shows its first line only (the page's STATEMENT_LINES).</summary>
    private const int StatementLines = 3;

    private static readonly string[] s_titles = { "Line #", "Hits", "Time", "Per Hit", "% Time", "Self" };
    private const string ContentsTitle = "Line Contents";
    private const string Gap = "  ";

    private readonly TextWriter _output;
    private readonly Paint _paint;
    private readonly string _scope;
    private readonly bool _unfold;

    public ListingWriter(TextWriter output, Paint paint, string scope, bool unfold)
    {
        _output = output;
        _paint = paint;
        _scope = scope;
        _unfold = unfold;
    }

    public void Write(MethodListing method)
    {
        string calls = method.Calls is long count ? $" in {Figures.Plural(count, "call")}" : "";
        string time = method.Counted ? Figures.InCaller + " (counted, not timed)" : Figures.Time(method.TimeNs);
        _output.WriteLine(_paint.Strong(Cells.Printable($"Total time: {time}{calls}, {_scope}")));
        _output.WriteLine(Cells.Printable($"File: {method.File}"));
        _output.WriteLine(_paint.Strong(Cells.Printable($"Method: {method.Method} at line {method.FirstLine.ToString(CultureInfo.InvariantCulture)}")));
        _output.WriteLine();

        var rows = method.Rows(_unfold).ToList();
        var figures = rows.OfType<ListedLine>().Select(FigureCells).ToList();
        var widths = s_titles.Select((title, i) => figures.Select(f => f[i].Length).Append(title.Length).Max()).ToArray();
        int indent = CommonIndent(method.Lines);

        string header = string.Join(Gap, s_titles.Select((title, i) => title.PadLeft(widths[i]))) + Gap + ContentsTitle;
        _output.WriteLine(header);
        _output.WriteLine(new string('=', header.Length));
        int next = 0;
        foreach (var row in rows)
        {
            if (row is Fold fold)
            {
                _output.WriteLine(_paint.Heat(Heat.Cold, $"{"⋯".PadLeft(widths[0])}{Gap}{Figures.Plural(fold.Count, "line")} " +
                    $"({fold.First.ToString(CultureInfo.InvariantCulture)}–{fold.Last.ToString(CultureInfo.InvariantCulture)}), " +
                    $"each under {MethodListing.HotPercent.ToString(CultureInfo.InvariantCulture)}% of the method's time (--unfold shows them)"));
                continue;
            }

            var line = (ListedLine)row;
            var cells = figures[next++];
            var statement = Statement(line.Source, indent);
            var text = new StringBuilder();
            for (int i = 0; i < cells.Length; i++) text.Append(cells[i].PadLeft(widths[i])).Append(Gap);
            text.Append(statement[0]);
            var heat = Heats.Of(line.Percent);
            _output.WriteLine(_paint.Heat(heat, text.ToString().TrimEnd()));
            string blank = new(' ', widths.Sum() + Gap.Length * widths.Length);
            foreach (var more in statement.Skip(1)) _output.WriteLine(_paint.Heat(heat, (blank + more).TrimEnd()));
        }

        if (rows.OfType<ListedLine>().Any(l => l.Counted))
        {
            _output.WriteLine();
            _output.WriteLine(Figures.InCallerLegend);
        }
    }

    private static string[] FigureCells(ListedLine line) => line.Counted ? new[]
    {
        line.Line.ToString(CultureInfo.InvariantCulture),
        Figures.Count(line.Hits),
        Figures.InCaller,
        Figures.InCaller,
        "",
        Figures.InCaller,
    } : new[]
    {
        line.Line.ToString(CultureInfo.InvariantCulture),
        Figures.Count(line.Hits),
        Figures.Time(line.TimeNs),
        line.Hits == 0 ? "" : Figures.Time((double)line.TimeNs / line.Hits),
        Figures.Share(line.Percent),
        Figures.Time(line.SelfNs),
    };

    /// <summary>The method's common indentation says nothing; without it, deep code still fits the width.</summary>
    private static int CommonIndent(IEnumerable<ListedLine> lines) =>
        lines.Where(l => !string.IsNullOrWhiteSpace(l.Source)).Select(l => Leading(l.Source)).DefaultIfEmpty(0).Min();

    /// <summary>
    /// The statement's lines, each less the common indentation and made printable; one longer than
    /// <see cref="StatementLines"/> shows its first line and how many more it has, as the page does.
    /// </summary>
    private static List<string> Statement(string source, int indent)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => Cells.Printable(l[Math.Min(Leading(l), indent)..]).TrimEnd()).ToList();
        if (lines.Count <= StatementLines) return lines;
        return new List<string> { lines[0] + $" ⋯ {(lines.Count - 1).ToString(CultureInfo.InvariantCulture)} more lines" };
    }

    private static int Leading(string text)
    {
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        return i;
    }
}
