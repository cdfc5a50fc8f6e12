using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>A row of a method listing: a line, or a fold of cold lines.</summary>
public abstract record ListingRow;

/// <summary>One line of a method listing: its figures in the listing's scope, its share of the method's time, its source.</summary>
/// <param name="Counted">A small member's line, counted, not timed: its time is in the line that called it.</param>
public sealed record ListedLine(string File, int Line, long Hits, long TimeNs, long SelfNs, double Percent, string Source, bool Counted) : ListingRow;

/// <summary>A run of consecutive cold lines shown as one row: the lines from <paramref name="First"/> to <paramref name="Last"/>.</summary>
public sealed record Fold(int Count, int First, int Last) : ListingRow;

/// <summary>
/// A method as <c>lineprof show</c> lists it and the page's source view shows it: its time and calls in one scope
/// (all requests, an endpoint, a request, or outside requests), its lines in order, each with its share of the
/// method's time, and the long cold stretches folded.
/// </summary>
public sealed class MethodListing
{
    /// <summary>Methods with more lines than this fold their cold stretches (the page's FOLD_ABOVE).</summary>
    public const int FoldAbove = 12;

    /// <summary>A line with at least this share of its method's time stays shown (the page's HOT_PERCENT)...</summary>
    public const double HotPercent = 1;

    /// <summary>...with this many lines either side, as rack-lineprof does (the page's CONTEXT).</summary>
    public const int Context = 2;

    /// <summary>Folding fewer lines than this would save nothing (the page's MIN_FOLD).</summary>
    public const int MinFold = 3;

    private MethodListing(string method, string file, int firstLine, long? calls, long timeNs, IReadOnlyList<ListedLine> lines)
    {
        Counted = lines.All(l => l.Counted);
        Method = method;
        File = file;
        FirstLine = firstLine;
        Calls = calls;
        TimeNs = timeNs;
        Lines = lines;
    }

    public string Method { get; }

    /// <summary>The file of the method's first line.</summary>
    public string File { get; }

    public int FirstLine { get; }

    /// <summary>Calls in the scope; null when the report has no figures for the method itself (then its time is its lines' sum).</summary>
    public long? Calls { get; }

    /// <summary>The method's time: its own figure, which counts recursion once, else the sum of its lines' times.</summary>
    public long TimeNs { get; }

    public IReadOnlyList<ListedLine> Lines { get; }

    /// <summary>A small member counted, not timed (all its lines are): it has calls, and its time is its callers'.</summary>
    public bool Counted { get; }

    /// <summary>
    /// The methods of one scope, most time first (then by name; counted members, whose time is their callers', last),
    /// each with its lines in order. As on the page, a
    /// method is known by its name: its lines are the scope's lines of that name, its figures the scope's method
    /// figures of that name.
    /// </summary>
    public static List<MethodListing> Build(IEnumerable<ScopeLine> lines, IEnumerable<MethodReport> methods)
    {
        var own = methods.GroupBy(m => m.Method, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var listings = new List<MethodListing>();
        foreach (var group in lines.GroupBy(l => l.Method, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(l => l.Line).ThenBy(l => l.File, StringComparer.Ordinal).ToList();
            own.TryGetValue(group.Key, out var figures);
            long time = figures != null ? figures.Sum(m => m.TimeNs) : ordered.Sum(l => l.TimeNs);
            long? calls = figures?.Sum(m => m.Calls);
            var first = figures?.OrderBy(m => m.Line).First();
            var listed = ordered.Select(l => new ListedLine(l.File, l.Line, l.Hits, l.TimeNs, l.SelfNs,
                time > 0 ? 100.0 * l.TimeNs / time : 0, l.Source, l.Counted)).ToList();
            listings.Add(new MethodListing(group.Key, first?.File ?? ordered[0].File, first?.Line ?? ordered[0].Line, calls, time, listed));
        }

        return listings.OrderBy(m => m.Counted).ThenByDescending(m => m.TimeNs).ThenBy(m => m.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The listing's rows in order: a line, or a fold of cold lines. A method of more than <see cref="FoldAbove"/>
    /// lines shows each line of at least <see cref="HotPercent"/>% with <see cref="Context"/> lines either side, and
    /// folds the stretches between them of <see cref="MinFold"/> lines or more.
    /// </summary>
    public IEnumerable<ListingRow> Rows(bool unfold)
    {
        var visible = new bool[Lines.Count];
        bool folds = !unfold && Lines.Count > FoldAbove;
        for (int i = 0; i < Lines.Count; i++)
        {
            if (!folds) visible[i] = true;
            else if (Lines[i].Percent >= HotPercent)
            {
                for (int j = Math.Max(0, i - Context); j <= Math.Min(Lines.Count - 1, i + Context); j++) visible[j] = true;
            }
        }

        for (int i = 0; i < Lines.Count;)
        {
            int end = i;
            while (end < Lines.Count && !visible[end]) end++;
            if (end - i >= MinFold)
            {
                yield return new Fold(end - i, Lines[i].Line, Lines[end - 1].Line);
                i = end;
                continue;
            }

            for (int stop = Math.Max(end, i + 1); i < stop; i++) yield return Lines[i];
        }
    }
}

/// <summary>A line's figures in one scope, with its source (which only the totals carry).</summary>
public sealed record ScopeLine(string File, int Line, string Method, long Hits, long TimeNs, long SelfNs, string Source, bool Counted);
