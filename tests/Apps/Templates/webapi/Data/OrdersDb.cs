using Microsoft.EntityFrameworkCore;

namespace WebApiApp.Data;

public sealed class Order
{
    public int Id { get; set; }
    public string Customer { get; set; } = "";
    public int Total { get; set; }
}

/// <summary>An EF Core context over a SQLite file, seeded at start-up.</summary>
public sealed class OrdersDb(DbContextOptions<OrdersDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public static void Seed(OrdersDb db)
    {
        db.Database.EnsureDeleted();
        db.Database.EnsureCreated();
        db.Orders.AddRange(Enumerable.Range(1, 500).Select(i => new Order { Customer = "customer " + i % 40, Total = i * 7 % 1000 }));
        db.SaveChanges();
    }
}
