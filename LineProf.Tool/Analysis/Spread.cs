namespace LineProf.Tool.Analysis;

/// <summary>
/// Medians and how far to trust them. The spread is measured by the interquartile range: request times on a busy
/// machine are often bimodal (a request waits for a thread or it does not), and a standard deviation would let one
/// outlier decide while the median absolute deviation would hide a second mode of up to half the requests.
/// </summary>
public static class Spread
{
    // The interquartile range of normal data is 1.349 standard deviations; the median's standard error is
    // √(π/2) ≈ 1.2533 times the mean's.
    private const double IqrPerDeviation = 1.349;
    private const double MedianOverMeanError = 1.2533;

    public static long Median(List<long> values)
    {
        values.Sort();
        return (long)Math.Round(Quantile(values, 0.5));
    }

    /// <summary>The standard error of the median of <paramref name="values"/>; 0 for fewer than two values.</summary>
    public static double StandardErrorOfMedian(List<long> values)
    {
        if (values.Count < 2) return 0;
        values.Sort();
        double deviation = (Quantile(values, 0.75) - Quantile(values, 0.25)) / IqrPerDeviation;
        return MedianOverMeanError * deviation / Math.Sqrt(values.Count);
    }

    /// <summary>The quantile of sorted values, interpolated between the two nearest (0 for none).</summary>
    private static double Quantile(List<long> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * ((double)sorted[above] - sorted[below]);
    }
}
