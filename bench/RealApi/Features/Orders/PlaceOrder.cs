using Microsoft.EntityFrameworkCore;
using RealApi.Data;
using RealApi.Mapping;
using RealApi.Mediation;
using RealApi.Services;

namespace RealApi.Features.Orders;

public sealed record PlaceOrderLine(int ProductId, int Quantity);

/// <summary>A new order for a customer: checks stock, takes the current prices, saves it and answers its detail.</summary>
public sealed record PlaceOrder(int CustomerId, IReadOnlyList<PlaceOrderLine> Lines) : IRequest<OrderDetailDto>;

public sealed class PlaceOrderValidator : IValidator<PlaceOrder>
{
    public const int MaxLines = 20;

    public IEnumerable<ValidationError> Validate(PlaceOrder request)
    {
        if (request.CustomerId <= 0) yield return new ValidationError(nameof(request.CustomerId), "A customer is required.");
        if (request.Lines.Count == 0) yield return new ValidationError(nameof(request.Lines), "An order needs at least one line.");
        if (request.Lines.Count > MaxLines) yield return new ValidationError(nameof(request.Lines), $"At most {MaxLines} lines.");
        foreach (var line in request.Lines)
        {
            if (line.Quantity is < 1 or > 100) yield return new ValidationError(nameof(line.Quantity), "A quantity is 1 to 100.");
        }
    }
}

public sealed class PlaceOrderHandler(ShopDb db, ShopMapper mapper, OrderNumbers numbers, TimeProvider clock)
    : IRequestHandler<PlaceOrder, OrderDetailDto>
{
    public async Task<OrderDetailDto> Handle(PlaceOrder request, CancellationToken cancel)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancel)
            ?? throw new ValidationFailedException([new ValidationError(nameof(request.CustomerId), "No such customer.")]);
        var ids = request.Lines.Select(line => line.ProductId).Distinct().ToList();
        var products = await db.Products.Include(p => p.Category).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancel);

        var order = new Order
        {
            Number = numbers.Next(() => db.Orders.Max(o => o.Id)),
            PlacedUtc = clock.GetUtcNow().UtcDateTime,
            Status = OrderStatus.Pending,
            Customer = customer,
        };
        foreach (var line in request.Lines)
        {
            var product = products.GetValueOrDefault(line.ProductId)
                ?? throw new ValidationFailedException([new ValidationError(nameof(line.ProductId), $"No product {line.ProductId}.")]);
            order.Lines.Add(new OrderLine { Product = product, Quantity = line.Quantity, UnitPriceCents = product.PriceCents });
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync(cancel);
        return mapper.ToDetail(order);
    }
}
