using System.Globalization;
using RealApi.Data;
using RealApi.Services;

namespace RealApi.Mapping;

/// <summary>Entities to DTOs, one small method per shape, the way hand-written mapping code usually looks.</summary>
public sealed class ShopMapper(PricingService pricing)
{
    public OrderSummaryDto ToSummary(Order order)
    {
        var net = NetOf(order);
        return new OrderSummaryDto(order.Id, order.Number, FormatDate(order.PlacedUtc), StatusText(order.Status),
            FullName(order.Customer), order.Lines.Count, ItemCount(order), net.Amount, net.Format());
    }

    public OrderDetailDto ToDetail(Order order)
    {
        var lines = order.Lines.Select(line => ToLine(line, order.Customer)).ToList();
        var net = NetOf(order);
        var vat = pricing.Vat(net, order.Customer);
        var total = net.Plus(vat);
        return new OrderDetailDto(order.Id, order.Number, FormatDate(order.PlacedUtc), StatusText(order.Status),
            ToCustomer(order.Customer), lines, net.Amount, vat.Amount, total.Amount, total.Format());
    }

    public OrderLineDto ToLine(OrderLine line, Customer customer)
    {
        var price = pricing.PriceLine(line, customer);
        return new OrderLineDto(line.ProductId, line.Product.Sku, line.Product.Name, line.Product.Category.Name, line.Quantity,
            new Money(line.UnitPriceCents).Amount, pricing.DiscountPercent(line, customer), price.Gross.Amount, price.Discount.Amount,
            price.Net.Amount);
    }

    public CustomerDto ToCustomer(Customer customer) =>
        new(customer.Id, FullName(customer), customer.Email, customer.Country, customer.IsVip);

    public ProductDto ToProduct(Product product)
    {
        var price = new Money(product.PriceCents);
        return new ProductDto(product.Id, product.Sku, product.Name, product.Category.Name, price.Amount, price.Format(), product.Stock);
    }

    public Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map, int page, int size, int total) =>
        new(items.Select(map).ToList(), page, size, total);

    private Money NetOf(Order order)
    {
        var net = Money.Zero;
        foreach (var line in order.Lines) net = net.Plus(pricing.PriceLine(line, order.Customer).Net);
        return net;
    }

    private static int ItemCount(Order order) => order.Lines.Sum(line => line.Quantity);

    private static string FullName(Customer customer) => customer.FirstName + " " + customer.LastName;

    private static string FormatDate(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string StatusText(OrderStatus status) => status.ToString();
}
