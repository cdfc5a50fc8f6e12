using Microsoft.EntityFrameworkCore;
using RealApi.Data;
using RealApi.Mapping;
using RealApi.Mediation;

namespace RealApi.Features.Orders;

/// <summary>The newest orders, a page at a time, optionally of one status.</summary>
public sealed record ListOrders(Paging Paging, OrderStatus? Status) : IRequest<Page<OrderSummaryDto>>;

public sealed class ListOrdersHandler(ShopDb db, ShopMapper mapper) : IRequestHandler<ListOrders, Page<OrderSummaryDto>>
{
    public async Task<Page<OrderSummaryDto>> Handle(ListOrders request, CancellationToken cancel)
    {
        var query = db.Orders.AsNoTracking();
        if (request.Status is { } status) query = query.Where(order => order.Status == status);
        var total = await query.CountAsync(cancel);
        var orders = await query
            .OrderByDescending(order => order.PlacedUtc)
            .Skip(request.Paging.Skip).Take(request.Paging.Size)
            .Include(order => order.Customer)
            .Include(order => order.Lines)
            .AsSplitQuery()
            .ToListAsync(cancel);
        return mapper.ToPage(orders, mapper.ToSummary, request.Paging.Number, request.Paging.Size, total);
    }
}
