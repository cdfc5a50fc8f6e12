namespace CatalogApi.Models;

public sealed record Product(int Id, string Name, string Category, decimal Price, int Stock);

public sealed record OrderLine(int ProductId, int Quantity);

public sealed record Order(int Id, int CustomerId, DateTime PlacedUtc, IReadOnlyList<OrderLine> Lines);

public sealed record PricedLine(int ProductId, string Name, int Quantity, decimal UnitPrice, decimal Total);

public sealed record PricedOrder(int OrderId, IReadOnlyList<PricedLine> Lines, decimal Subtotal, decimal Discount, decimal Tax, decimal Total);

public sealed record NewOrder(int CustomerId, IReadOnlyList<OrderLine> Lines);
