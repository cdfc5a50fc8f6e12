using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WebApiApp.Data;
using WebApiApp.Services;

namespace WebApiApp.Controllers;

[ApiController]
[Route("[controller]")]
public sealed class ReportsController(ReportService service, OrdersDb db) : ControllerBase
{
    [HttpGet("{rows:int}")]
    public async Task<int> Get(int rows)
    {
        return await service.BuildAsync(rows); // MARK:action-await
    }

    /// <summary>An overload of the action above: its figures are its own.</summary>
    [HttpGet("count")]
    public int Get()
    {
        return 12; // MARK:overload
    }

    [HttpGet("orders")]
    public async Task<int> Orders(int min)
    {
        var orders = await db.Orders.Where(o => o.Total >= min).OrderBy(o => o.Customer).ToListAsync(); // MARK:ef-query
        int sum = 0;
        foreach (var order in orders)
        {
            sum += order.Total; // MARK:ef-loop
        }

        return sum;
    }
}
