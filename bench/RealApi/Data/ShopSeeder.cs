using Microsoft.EntityFrameworkCore;

namespace RealApi.Data;

/// <summary>A fresh database with the same rows every start (a fixed seed), so every variant serves the same data.</summary>
public static class ShopSeeder
{
    public const int Customers = 300;
    public const int Products = 240;
    public const int Orders = 1500;

    private static readonly string[] CategoryNames = ["Books", "Music", "Garden", "Kitchen", "Toys", "Outdoor", "Office", "Games"];
    private static readonly string[] Countries = ["FR", "DE", "NL", "BE", "ES", "IT", "US", "GB"];

    public static void Reset(ShopDb db)
    {
        db.Database.EnsureDeleted();
        db.Database.EnsureCreated();
        var random = new Random(20261201);

        var categories = CategoryNames.Select(name => new Category { Name = name, Slug = name.ToLowerInvariant() }).ToList();
        var products = Enumerable.Range(1, Products).Select(i => new Product
        {
            Sku = $"SKU-{i:D5}",
            Name = $"{categories[i % categories.Count].Name} item {i}",
            PriceCents = 199 + random.Next(0, 20_000),
            Stock = random.Next(0, 500),
            Category = categories[i % categories.Count],
        }).ToList();
        var customers = Enumerable.Range(1, Customers).Select(i => new Customer
        {
            FirstName = $"First{i}",
            LastName = $"Last{i}",
            Email = $"customer{i}@example.test",
            Country = Countries[i % Countries.Length],
            IsVip = i % 11 == 0,
        }).ToList();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var orders = Enumerable.Range(1, Orders).Select(i => new Order
        {
            Number = $"ORD-{i:D7}",
            PlacedUtc = start.AddMinutes(i * 97),
            Status = (OrderStatus)(i % 5),
            Customer = customers[random.Next(customers.Count)],
            Lines = Enumerable.Range(0, 1 + random.Next(6)).Select(_ =>
            {
                var product = products[random.Next(products.Count)];
                return new OrderLine { Product = product, Quantity = 1 + random.Next(4), UnitPriceCents = product.PriceCents, DiscountPercent = random.Next(4) * 5 };
            }).ToList(),
        }).ToList();

        db.AddRange(categories);
        db.AddRange(products);
        db.AddRange(customers);
        db.AddRange(orders);
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
}
