using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
var database = Path.Combine(builder.Environment.ContentRootPath, "shop.db");
builder.Services.AddDbContext<Shop>(options => options.UseSqlite("Data Source=" + database));
builder.Services.AddHttpClient();
var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    var shop = scope.ServiceProvider.GetRequiredService<Shop>();
    shop.Database.EnsureDeleted();
    shop.Database.EnsureCreated();
    for (int i = 1; i <= Orders.Count; i++)
    {
        var order = new Order { Customer = "customer " + i };
        for (int j = 1; j <= 3; j++) order.Lines.Add(new OrderLine { Product = "product " + j, Quantity = j });
        shop.Orders.Add(order);
    }

    shop.SaveChanges();
}

app.MapGet("/orders/one-by-one", (Shop shop) => Orders.OneByOne(shop));
app.MapGet("/orders/together", (Shop shop) => Orders.Together(shop));
app.MapGet("/items/{id}", (int id, string? colour) => $"item {id} {colour}");
app.MapGet("/calls", (HttpContext context, IHttpClientFactory clients) => Calls.Item(context, clients));
app.MapGet("/allocations", () => Allocations.Build());

app.Run();

static class Orders
{
    public const int Count = 20;

    public static async Task<int> OneByOne(Shop shop)
    {
        var orders = await shop.Orders.OrderBy(o => o.Id).Take(Count).ToListAsync();
        int lines = 0;
        foreach (var order in orders)
        {
            lines += (await shop.OrderLines.Where(l => l.OrderId == order.Id).ToListAsync()).Count; // MARK:one-by-one
        }

        return lines;
    }

    public static async Task<int> Together(Shop shop)
    {
        var orders = await shop.Orders.Include(o => o.Lines).OrderBy(o => o.Id).Take(Count).ToListAsync(); // MARK:together
        return orders.Sum(o => o.Lines.Count);
    }
}

static class Calls
{
    public static async Task<string> Item(HttpContext context, IHttpClientFactory clients)
    {
        var client = clients.CreateClient();
        var self = context.Request.Scheme + "://" + context.Request.Host;
        var item = await client.GetStringAsync(self + "/items/42?colour=red"); // MARK:call
        return item;
    }
}

static class Allocations
{
    public static int Build()
    {
        var text = new string('x', 1 << 20); // MARK:megabyte
        int length = text.Length; // MARK:nothing
        return length;
    }
}

public sealed class Shop(DbContextOptions<Shop> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
}

public sealed class Order
{
    public int Id { get; set; }
    public string Customer { get; set; } = "";
    public List<OrderLine> Lines { get; set; } = new();
}

public sealed class OrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public string Product { get; set; } = "";
    public int Quantity { get; set; }
}
