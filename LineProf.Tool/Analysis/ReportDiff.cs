using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>One method or line in both reports (or in one of them): its figures before and after.</summary>
public sealed record DiffRow(
    string Method, string File, int? LineBefore, int? LineAfter, string? Source,
    long? CountBefore, long? CountAfter, long? TimeBefore, long? TimeAfter, long? SelfBefore, long? SelfAfter)
{
    public bool IsLine => LineBefore != null || LineAfter != null;

    /// <summary>The line in the "after" report, or in "before" for a line that no longer runs.</summary>
    public int? Line => LineAfter ?? LineBefore;

    /// <summary>A change in self time: what sorts the rows. A row missing on one side counts as zero there.</summary>
    public double SelfChange => (double)(SelfAfter ?? 0) - (SelfBefore ?? 0);

    public double TimeChange => (double)(TimeAfter ?? 0) - (TimeBefore ?? 0);

    /// <summary>After over before; null when there is nothing to divide by (a new row, or no time before).</summary>
    public double? TimeRatio => TimeBefore is > 0 && TimeAfter != null ? (double)TimeAfter.Value / TimeBefore.Value : null;

    public string Status => (TimeBefore, TimeAfter) switch
    {
        (null, _) => "new",
        (_, null) => "gone",
        _ when LineBefore != LineAfter => "moved",
        _ => "",
    };
}

/// <summary>
/// Pairs the methods and lines of two reports of the same app (before and after a change) and lists them, the
/// largest change in self time first.
/// </summary>
/// <remarks>
/// A method is the same method when its file and name are; a lambda, named by its line (<c>Get lambda@42</c>), is
/// also the same when an edit only moved it and it is the only lambda of that method left unpaired. A line is harder,
/// since an edit moves the lines below it: a line whose text is unique in its method on both sides is paired by that
/// text wherever it moved; the rest are paired by line number, which pairs a rewritten line (the fix itself) with what
/// stood there before. Reports from checkouts in different folders have different file paths and do not pair.
/// </remarks>
public static class ReportDiff
{
    public static List<DiffRow> Methods(ProfileReport before, ProfileReport after)
    {
        var afterByKey = after.Methods.GroupBy(m => (m.File, m.Method)).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<DiffRow>();
        var paired = new HashSet<(string, string)>();
        foreach (var old in before.Methods)
        {
            afterByKey.TryGetValue((old.File, old.Method), out var now);
            if (now != null && !paired.Add((now.File, now.Method))) now = null;
            rows.Add(new DiffRow(old.Method, old.File, null, null, null, old.Calls, now?.Calls, old.TimeNs, now?.TimeNs, old.SelfNs, now?.SelfNs));
        }

        // A lambda an edit moved has a new line in its name: paired by its name without lines when that is unique.
        var movedAfter = UniqueBy(after.Methods.Where(m => !paired.Contains((m.File, m.Method))).ToList(), m => (m.File, Unplaced(m.Method)));
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.TimeAfter != null || Unplaced(row.Method) == row.Method) continue;
            if (!movedAfter.TryGetValue((row.File, Unplaced(row.Method)), out var now) || paired.Contains((now.File, now.Method))) continue;
            if (rows.Count(r => r.TimeAfter == null && r.File == row.File && Unplaced(r.Method) == Unplaced(row.Method)) != 1) continue;
            paired.Add((now.File, now.Method));
            rows[i] = row with { Method = now.Method, CountAfter = now.Calls, TimeAfter = now.TimeNs, SelfAfter = now.SelfNs };
        }

        foreach (var now in after.Methods.Where(m => !paired.Contains((m.File, m.Method))))
            rows.Add(new DiffRow(now.Method, now.File, null, null, null, null, now.Calls, null, now.TimeNs, null, now.SelfNs));
        return Sorted(rows);
    }

    /// <summary>
    /// A method's name without the lines of its lambdas: <c>App.Get lambda@</c> of <c>App.Get lambda@42:17</c>, which
    /// an edit above it changes while the lambda stays the same.
    /// </summary>
    public static string Unplaced(string method) => s_lambdaPlace.Replace(method, "lambda@");

    private static readonly System.Text.RegularExpressions.Regex s_lambdaPlace =
        new(@"lambda@\d+(:\d+)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static List<DiffRow> Lines(ProfileReport before, ProfileReport after)
    {
        var pairs = new Dictionary<LineReport, LineReport>(ReferenceEqualityComparer.Instance);
        var pairedAfter = new HashSet<LineReport>(ReferenceEqualityComparer.Instance);

        // First by unique text within the method, so unchanged lines pair across an edit that moved them.
        var beforeByText = UniqueBy(before.Lines, TextKey);
        foreach (var (key, now) in UniqueBy(after.Lines, TextKey))
        {
            if (key.Source.Length > 0 && beforeByText.TryGetValue(key, out var old)) Pair(old, now);
        }

        // Then by place, among what is left.
        var afterByPlace = after.Lines.Where(l => !pairedAfter.Contains(l)).GroupBy(l => (l.File, l.Method, l.Line)).ToDictionary(g => g.Key, g => g.First());
        foreach (var old in before.Lines.Where(l => !pairs.ContainsKey(l)))
        {
            if (afterByPlace.TryGetValue((old.File, old.Method, old.Line), out var now) && !pairedAfter.Contains(now)) Pair(old, now);
        }

        var rows = new List<DiffRow>();
        foreach (var old in before.Lines)
        {
            pairs.TryGetValue(old, out var now);
            rows.Add(new DiffRow(now?.Method ?? old.Method, old.File, old.Line, now?.Line, now?.Source ?? old.Source,
                old.Hits, now?.Hits, old.TimeNs, now?.TimeNs, old.SelfNs, now?.SelfNs));
        }

        foreach (var now in after.Lines.Where(l => !pairedAfter.Contains(l)))
            rows.Add(new DiffRow(now.Method, now.File, null, now.Line, now.Source, null, now.Hits, null, now.TimeNs, null, now.SelfNs));
        return Sorted(rows);

        void Pair(LineReport old, LineReport now)
        {
            pairs[old] = now;
            pairedAfter.Add(now);
        }
    }

    private static (string File, string Method, string Source) TextKey(LineReport line) => (line.File, Unplaced(line.Method), line.Source.Trim());

    private static Dictionary<TKey, T> UniqueBy<T, TKey>(List<T> items, Func<T, TKey> key)
        where TKey : notnull =>
        items.GroupBy(key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First());

    private static List<DiffRow> Sorted(List<DiffRow> rows) =>
        rows.OrderByDescending(r => Math.Abs(r.SelfChange)).ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ToList();
}
