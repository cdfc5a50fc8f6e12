using System.Globalization;

namespace LineProf.Tool.Cli;

/// <summary>Parses the sizes and durations users type: <c>100MB</c>, <c>2GB</c>, <c>1ms</c>, <c>250us</c>.</summary>
public static class Quantities
{
    private static readonly (string Suffix, long Factor)[] s_sizes =
    {
        ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1),
    };

    private static readonly (string Suffix, double Factor)[] s_durations =
    {
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9),
    };

    /// <summary>A byte count; KB, MB and GB are powers of 1024, as file managers show them.</summary>
    public static long Size(string option, string text)
    {
        foreach (var (suffix, factor) in s_sizes)
        {
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (TryNumber(text[..^suffix.Length], out double number) && number * factor <= long.MaxValue)
                return (long)(number * factor);
            break;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)) return bytes;
        throw new UserError($"{option} takes a size such as 500MB, 2GB or a number of bytes, not '{text}'");
    }

    /// <summary>A duration in nanoseconds: <c>1ms</c>, <c>250us</c>, <c>2s</c>, or plain nanoseconds.</summary>
    public static double Nanoseconds(string option, string text)
    {
        foreach (var (suffix, factor) in s_durations)
        {
            // "ms", "us" and "ns" end in "s" too: only a number before the suffix makes it the right one.
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && TryNumber(text[..^suffix.Length], out double number))
                return number * factor;
        }

        if (TryNumber(text, out double nanoseconds)) return nanoseconds;
        throw new UserError($"{option} takes a duration such as 1ms, 250us or 2s, not '{text}'");
    }

    /// <summary>A non-negative percentage, with or without the % sign.</summary>
    public static double Percent(string option, string text)
    {
        if (TryNumber(text.TrimEnd('%'), out double percent)) return percent;
        throw new UserError($"{option} takes a percentage such as 10 or 5.5, not '{text}'");
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
