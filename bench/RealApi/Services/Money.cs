using System.Globalization;

namespace RealApi.Services;

/// <summary>An amount in cents, as the database keeps it, with the small members mapping code calls per field.</summary>
public readonly record struct Money(long Cents)
{
    public static Money Zero => new(0);
    public decimal Amount => Cents / 100m;
    public bool IsZero => Cents == 0;
    public Money Plus(Money other) => new(Cents + other.Cents);
    public Money Times(int quantity) => new(Cents * quantity);
    public Money Percent(int percent) => new(Cents * percent / 100);
    public Money Minus(Money other) => new(Cents - other.Cents);
    public string Format() => Amount.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";
}
