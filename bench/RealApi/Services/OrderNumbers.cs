namespace RealApi.Services;

/// <summary>Numbers new orders after the highest one in the database, one at a time.</summary>
public sealed class OrderNumbers
{
    private int _last = -1;

    public string Next(Func<int> highestInDatabase)
    {
        if (_last < 0) Interlocked.CompareExchange(ref _last, highestInDatabase(), -1);
        return Format(Interlocked.Increment(ref _last));
    }

    public static string Format(int number) => $"ORD-{number:D7}";

    public static int Parse(string number) => int.Parse(number.AsSpan(4));
}
