using Microsoft.EntityFrameworkCore;

namespace RealApi.Data;

/// <summary>The shop's EF Core context over a SQLite file.</summary>
public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Product>().HasIndex(p => p.Sku).IsUnique();
        model.Entity<Order>().HasIndex(o => o.PlacedUtc);
        model.Entity<Order>().Property(o => o.Status).HasConversion<string>();
        model.Entity<Customer>().HasIndex(c => c.Email).IsUnique();
    }
}
