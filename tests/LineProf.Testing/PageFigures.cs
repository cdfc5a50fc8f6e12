using System.Text.Json;

namespace LineProf.Testing;

/// <summary>A line's figures in one scope of the report, by the line's identity.</summary>
public readonly record struct LineKey(string File, int Line, string Method)
{
    public override string ToString() => $"{File}:{Line} ({Method})";
}

/// <summary>Hits (or calls), time and self time: what the page encodes for a line or a method.</summary>
public readonly record struct Figures(long Count, long TimeNs, long SelfNs)
{
    public static Figures operator +(Figures a, Figures b) => new(a.Count + b.Count, a.TimeNs + b.TimeNs, a.SelfNs + b.SelfNs);

    /// <summary>Figures summed by key, as the page shows an entry listed more than once.</summary>
    public static Dictionary<TKey, Figures> Sum<TKey>(IEnumerable<(TKey Key, Figures Figures)> figures) where TKey : notnull
    {
        var sums = new Dictionary<TKey, Figures>();
        foreach (var (key, f) in figures) sums[key] = sums.GetValueOrDefault(key) + f;
        return sums;
    }

    public override string ToString() => $"count {Count:N0}, time {TimeNs:N0} ns, self {SelfNs:N0} ns";
}

/// <summary>The page's selection: [rate, profiled, triggered, unprofiled, overCap, refusedTriggers].</summary>
public sealed record PageSelection(double Rate, long Profiled, long Triggered, long Unprofiled, long OverCap, long RefusedTriggers);

/// <summary>An endpoint or request as the page data has it.</summary>
public sealed record PageScope(string Name, IReadOnlyList<long> Numbers, IReadOnlyDictionary<LineKey, Figures> Lines,
    IReadOnlyDictionary<string, Figures> Methods);

/// <summary>
/// Decodes the figures the page renders from the data block lineprof.html carries (PageData.cs writes it, report.js
/// reads it), independently of both, so a test can compare them with lineprof.json.
/// </summary>
public sealed class PageFigures
{
    private const string DataStart = "<script type=\"application/json\" id=\"lineprof-data\">";
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private PageFigures() { }

    public DateTime GeneratedUtc { get; private init; }
    public long RequestCount { get; private init; }
    public IReadOnlyDictionary<LineKey, string> Sources { get; private init; } = null!;

    /// <summary>The lines the page marks as counted, not timed (their time is the calling line's).</summary>
    public IReadOnlySet<LineKey> Counted { get; private init; } = null!;
    public IReadOnlyDictionary<LineKey, Figures> Totals { get; private init; } = null!;
    public IReadOnlyDictionary<string, Figures> TotalMethods { get; private init; } = null!;
    public IReadOnlyDictionary<LineKey, Figures> Outside { get; private init; } = null!;
    public IReadOnlyDictionary<string, Figures> OutsideMethods { get; private init; } = null!;

    /// <summary>How requests were chosen; null when the page data has none.</summary>
    public PageSelection? Selection { get; private init; }

    /// <summary>Endpoints: numbers are count, total, mean, p50, p95, max, profiled, warm-up.</summary>
    public IReadOnlyList<PageScope> Endpoints { get; private init; } = null!;

    /// <summary>Requests by id: numbers are status, duration, warm-up (1 or 0).</summary>
    public IReadOnlyList<PageScope> Requests { get; private init; } = null!;

    /// <summary>Each request's kind, in the order of <see cref="Requests"/> ("http" where the page names none).</summary>
    public IReadOnlyList<string> RequestKinds { get; private init; } = null!;

    /// <summary>Each request's gRPC messages in and out, in the order of <see cref="Requests"/>; nulls where the page has none.</summary>
    public IReadOnlyList<(long? In, long? Out)> RequestMessages { get; private init; } = null!;

    /// <summary>Each endpoint's gRPC messages in and out, in the order of <see cref="Endpoints"/>; nulls where the page has none.</summary>
    public IReadOnlyList<(long? In, long? Out)> EndpointMessages { get; private init; } = null!;

    public static PageFigures FromHtml(string html)
    {
        int start = html.IndexOf(DataStart, StringComparison.Ordinal);
        if (start < 0) throw new InvalidDataException("The page has no lineprof-data block.");
        start += DataStart.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return FromJson(html[start..end]);
    }

    public static PageFigures FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        var methods = root.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList();
        var table = new List<LineKey>();
        var sources = new Dictionary<LineKey, string>();
        var counted = new HashSet<LineKey>();
        foreach (var entry in root.GetProperty("lines").EnumerateArray())
        {
            var key = new LineKey(files[entry[0].GetInt32()], entry[1].GetInt32(), methods[entry[2].GetInt32()]);
            table.Add(key);
            sources[key] = entry[3].GetString()!;
            if (entry.GetArrayLength() > 4 && entry[4].GetInt32() == 1) counted.Add(key);
        }

        return new PageFigures
        {
            GeneratedUtc = root.GetProperty("generatedUtc").GetDateTime().ToUniversalTime(),
            RequestCount = root.GetProperty("requestCount").GetInt64(),
            Selection = root.GetProperty("selection") is { ValueKind: JsonValueKind.Array } s
                ? new PageSelection(s[0].GetDouble(), s[1].GetInt64(), s[2].GetInt64(), s[3].GetInt64(), s[4].GetInt64(), s[5].GetInt64())
                : null,
            Sources = sources,
            Counted = counted,
            Totals = DecodeLines(root.GetProperty("totals").GetString()!, table),
            TotalMethods = DecodeMethods(root.GetProperty("totalMethods").GetString()!, methods),
            Outside = DecodeLines(root.GetProperty("outside").GetString()!, table),
            OutsideMethods = DecodeMethods(root.GetProperty("outsideMethods").GetString()!, methods),
            Endpoints = root.GetProperty("endpoints").EnumerateArray().Select(e => new PageScope(e[0].GetString()!,
                [e[1].GetInt64(), e[2].GetInt64(), e[3].GetInt64(), e[4].GetInt64(), e[5].GetInt64(), e[6].GetInt64(), e[11].GetInt64(), e[12].GetInt64()],
                DecodeLines(e[7].GetString()!, table), DecodeMethods(e[8].GetString()!, methods))).ToList(),
            Requests = root.GetProperty("requests").EnumerateArray().Select(r => new PageScope(r[0].GetString()!,
                [r[5].GetInt64(), r[7].GetInt64(), r[17].GetInt64()],
                DecodeLines(r[9].GetString()!, table), DecodeMethods(r[10].GetString()!, methods))).ToList(),
            RequestKinds = root.GetProperty("requests").EnumerateArray()
                .Select(r => r.GetArrayLength() > 11 && r[11].ValueKind == JsonValueKind.String ? r[11].GetString()! : "http").ToList(),
            RequestMessages = root.GetProperty("requests").EnumerateArray().Select(r => (Optional(r, 15), Optional(r, 16))).ToList(),
            EndpointMessages = root.GetProperty("endpoints").EnumerateArray().Select(e => (Optional(e, 9), Optional(e, 10))).ToList(),
        };
    }

    /// <summary>A figure only some rows carry: null when the row is shorter or holds null there.</summary>
    private static long? Optional(JsonElement row, int index) =>
        row.GetArrayLength() > index && row[index].ValueKind == JsonValueKind.Number ? row[index].GetInt64() : null;

    private static Dictionary<LineKey, Figures> DecodeLines(string text, List<LineKey> table) => Figures.Sum(Decode(text).Select(f => (table[f.Index], f.Figures)));

    private static Dictionary<string, Figures> DecodeMethods(string text, List<string> names) => Figures.Sum(Decode(text).Select(f => (names[f.Index], f.Figures)));

    /// <summary>Quadruples of (index delta, count, signed time, signed time minus self), base64 VLQ.</summary>
    private static List<(int Index, Figures Figures)> Decode(string text)
    {
        var numbers = new List<ulong>();
        ulong value = 0;
        int shift = 0;
        foreach (char c in text)
        {
            int digit = Digits.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) throw new InvalidDataException($"'{c}' is not a base64url digit in the page data.");
            value |= (ulong)(digit & 31) << shift;
            if ((digit & 32) != 0)
            {
                shift += 5;
                continue;
            }

            numbers.Add(value);
            value = 0;
            shift = 0;
        }

        if (numbers.Count % 4 != 0) throw new InvalidDataException($"The page data has {numbers.Count} numbers, not quadruples.");
        var figures = new List<(int, Figures)>();
        int index = 0;
        for (int i = 0; i < numbers.Count; i += 4)
        {
            index += (int)numbers[i];
            long time = Signed(numbers[i + 2]);
            figures.Add((index, new Figures((long)numbers[i + 1], time, time - Signed(numbers[i + 3]))));
        }

        return figures;
    }

    private static long Signed(ulong n) => (n & 1) == 0 ? (long)(n >> 1) : ~(long)(n >> 1);
}
