using Microsoft.AspNetCore.Mvc;
using RealApi.Data;
using RealApi.Features;
using RealApi.Features.Orders;
using RealApi.Mapping;
using RealApi.Mediation;

namespace RealApi.Controllers;

[ApiController]
[Route("api/orders")]
public sealed class OrdersController(ISender sender) : ControllerBase
{
    [HttpGet]
    public Task<Page<OrderSummaryDto>> List(int? page, int? pageSize, OrderStatus? status, CancellationToken cancel) =>
        sender.Send(new ListOrders(Paging.From(page, pageSize), status), cancel);

    [HttpGet("{id:int}")]
    public async Task<ActionResult<OrderDetailDto>> Get(int id, CancellationToken cancel) =>
        await sender.Send(new GetOrder(id), cancel) is { } order ? order : NotFound();

    [HttpPost]
    public async Task<ActionResult<OrderDetailDto>> Place(PlaceOrder order, CancellationToken cancel)
    {
        var placed = await sender.Send(order, cancel);
        return CreatedAtAction(nameof(Get), new { id = placed.Id }, placed);
    }
}
