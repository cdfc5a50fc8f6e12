namespace RealApi.Features;

/// <summary>A page number and size from the query string, clamped to what the API serves.</summary>
public readonly record struct Paging(int Number, int Size)
{
    public const int MaxSize = 50;

    public static Paging From(int? number, int? size) => new(Math.Max(number ?? 1, 1), Math.Clamp(size ?? 20, 1, MaxSize));

    public int Skip => (Number - 1) * Size;
}
