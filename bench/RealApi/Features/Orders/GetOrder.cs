using Microsoft.EntityFrameworkCore;
using RealApi.Data;
using RealApi.Mapping;
using RealApi.Mediation;

namespace RealApi.Features.Orders;

/// <summary>One order with its customer and its lines' products and categories.</summary>
public sealed record GetOrder(int Id) : IRequest<OrderDetailDto?>;

public sealed class GetOrderHandler(ShopDb db, ShopMapper mapper) : IRequestHandler<GetOrder, OrderDetailDto?>
{
    public async Task<OrderDetailDto?> Handle(GetOrder request, CancellationToken cancel)
    {
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Customer)
            .Include(o => o.Lines).ThenInclude(line => line.Product).ThenInclude(product => product.Category)
            // One query per collection: as a single query, SQLite materialized every order line for each order read.
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == request.Id, cancel);
        return order is null ? null : mapper.ToDetail(order);
    }
}
