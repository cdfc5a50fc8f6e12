using System.Globalization;

namespace LineProf.Tool.Output;

/// <summary>How a person reads the figures: times in the largest fitting unit with three significant digits, counts with separators.</summary>
public static class Figures
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>"330 ns", "2.6 ms", "1.76 s".</summary>
    public static string Time(double nanoseconds)
    {
        double magnitude = Math.Abs(nanoseconds);
        var (value, unit) = magnitude switch
        {
            < 1e3 => (nanoseconds, "ns"),
            < 1e6 => (nanoseconds / 1e3, "µs"),
            < 1e9 => (nanoseconds / 1e6, "ms"),
            _ => (nanoseconds / 1e9, "s"),
        };
        return Significant(value) + " " + unit;
    }

    /// <summary>What a counted small member's line shows for its time, which is in the line that called it.</summary>
    public const string InCaller = "in caller";

    /// <summary>Says what <see cref="InCaller"/> means, under a table or listing that shows it.</summary>
    public const string InCallerLegend = "in caller: a small member (one line, no loop: a getter, a forwarding overload) is counted, not timed, " +
        "so the JIT can still inline it; its hits and calls are exact, its time is in the time and self time of the line that called it. " +
        "Build with -p:LineProfileTimeSmallMembers=true to time it.";

    /// <summary>A change in time, signed: "+2.6 ms", "-1.76 s".</summary>
    public static string TimeChange(double nanoseconds) => (nanoseconds > 0 ? "+" : "") + Time(nanoseconds);

    public static string Count(double count) =>
        count == Math.Floor(count) ? count.ToString("N0", s_invariant) : count.ToString("#,0.##", s_invariant);

    /// <summary>After over before: "1.25x", "0.5x".</summary>
    public static string Ratio(double ratio) => Significant(ratio) + "x";

    /// <summary>"1 request", "1,200 requests".</summary>
    public static string Plural(long count, string noun) => count.ToString("N0", s_invariant) + " " + noun + (count == 1 ? "" : "s");

    public static string Percent(double percent) => percent.ToString("0.0", s_invariant) + "%";

    /// <summary>
    /// A line's share of its method's time as the page writes it (formatPercent in report.js): "100", "12.5", "0.31";
    /// over 100.5 it is "&gt;100", which a line's time reaches by counting recursion or other threads again.
    /// </summary>
    public static string Share(double percent) =>
        percent >= 100.5 ? ">100" : percent.ToString(percent >= 99.95 ? "0" : percent >= 9.95 ? "0.0" : "0.00", s_invariant);

    private static string Significant(double value)
    {
        double magnitude = Math.Abs(value);
        string format = magnitude >= 100 || magnitude == Math.Floor(magnitude) && magnitude < 1e3 ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(format, s_invariant);
    }
}
