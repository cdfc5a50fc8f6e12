using CatalogApi.Data;
using CatalogApi.Models;

namespace CatalogApi.Services;

/// <summary>Prices an order: looks up each product, applies volume discounts and tax.</summary>
public sealed class PricingService(CatalogStore store)
{
    private const decimal TaxRate = 0.2m;

    public async Task<PricedOrder> PriceAsync(Order order, CancellationToken cancel)
    {
        var lines = new List<PricedLine>();
        foreach (var line in order.Lines)
        {
            var product = await store.FindProductAsync(line.ProductId, cancel)
                ?? throw new InvalidOperationException($"Order {order.Id} names unknown product {line.ProductId}.");
            lines.Add(new PricedLine(product.Id, product.Name, line.Quantity, product.Price, product.Price * line.Quantity));
        }

        decimal subtotal = lines.Sum(l => l.Total);
        decimal discount = Discount(subtotal, lines.Sum(l => l.Quantity));
        decimal tax = Math.Round((subtotal - discount) * TaxRate, 2);
        return new PricedOrder(order.Id, lines, subtotal, discount, tax, subtotal - discount + tax);
    }

    private static decimal Discount(decimal subtotal, int items) => items switch
    {
        >= 20 => Math.Round(subtotal * 0.10m, 2),
        >= 10 => Math.Round(subtotal * 0.05m, 2),
        _ => 0m,
    };
}
