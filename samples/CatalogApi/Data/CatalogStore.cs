using CatalogApi.Models;

namespace CatalogApi.Data;

/// <summary>
/// The app's "database": in memory, but every query waits a few milliseconds the way a round trip to a real
/// database server would, so the data access is genuinely asynchronous.
/// </summary>
public sealed class CatalogStore
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(3);
    private static readonly string[] Categories = ["Books", "Games", "Garden", "Kitchen", "Music", "Tools"];

    private readonly List<Product> _products;
    private readonly Dictionary<string, List<Product>> _byCategory;
    private readonly Dictionary<int, Order> _orders = new();
    private int _nextOrderId = 1;

    public CatalogStore()
    {
        var random = new Random(42);
        _products = Enumerable.Range(1, 4000)
            .Select(id => new Product(id, $"Product {id:D4}", Categories[id % Categories.Length],
                Math.Round((decimal)(random.NextDouble() * 90 + 10), 2), random.Next(0, 500)))
            .ToList();
        _byCategory = _products.GroupBy(p => p.Category, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < 50; i++)
        {
            var lines = Enumerable.Range(0, 8).Select(_ => new OrderLine(random.Next(1, 4001), random.Next(1, 5))).ToList();
            AddOrder(new NewOrder(random.Next(1, 20), lines));
        }
    }

    public async Task<Product?> FindProductAsync(int id, CancellationToken cancel = default)
    {
        await Task.Delay(RoundTrip, cancel);
        return id >= 1 && id <= _products.Count ? _products[id - 1] : null;
    }

    public async Task<IReadOnlyList<Product>> ListProductsAsync(string? category, CancellationToken cancel = default)
    {
        await Task.Delay(RoundTrip, cancel);
        return category is null
            ? _products
            : _products.Where(p => string.Equals(p.Category, category, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>A category's products from the app's in-memory cache of the catalog: no round trip.</summary>
    public IReadOnlyList<Product> CachedCategory(string category) =>
        _byCategory.TryGetValue(category, out var products) ? products : [];

    public async Task<Order?> FindOrderAsync(int id, CancellationToken cancel = default)
    {
        await Task.Delay(RoundTrip, cancel);
        lock (_orders) return _orders.GetValueOrDefault(id);
    }

    public async Task<Order> SaveOrderAsync(NewOrder order, CancellationToken cancel = default)
    {
        await Task.Delay(RoundTrip, cancel);
        return AddOrder(order);
    }

    private Order AddOrder(NewOrder order)
    {
        lock (_orders)
        {
            var saved = new Order(_nextOrderId++, order.CustomerId, DateTime.UtcNow, order.Lines);
            _orders.Add(saved.Id, saved);
            return saved;
        }
    }
}
