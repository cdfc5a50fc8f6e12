using RealApi.Data;

namespace RealApi.Services;

public sealed record LinePrice(Money Gross, Money Discount, Money Net);

/// <summary>Prices order lines: the line's own discount, a VIP discount, then the customer's country's VAT.</summary>
public sealed class PricingService
{
    private static readonly Dictionary<string, int> VatPercent = new()
    {
        ["FR"] = 20, ["DE"] = 19, ["NL"] = 21, ["BE"] = 21, ["ES"] = 21, ["IT"] = 22, ["GB"] = 20,
    };

    public const int VipDiscountPercent = 5;

    public LinePrice PriceLine(OrderLine line, Customer customer)
    {
        var gross = new Money(line.UnitPriceCents).Times(line.Quantity);
        var discount = gross.Percent(DiscountPercent(line, customer));
        return new LinePrice(gross, discount, gross.Minus(discount));
    }

    public int DiscountPercent(OrderLine line, Customer customer) =>
        Math.Min(line.DiscountPercent + (customer.IsVip ? VipDiscountPercent : 0), 50);

    public int VatFor(string country) => VatPercent.TryGetValue(country, out var percent) ? percent : 0;

    public Money Vat(Money net, Customer customer) => net.Percent(VatFor(customer.Country));
}
