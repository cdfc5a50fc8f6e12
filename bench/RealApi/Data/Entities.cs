namespace RealApi.Data;

public sealed class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public List<Product> Products { get; set; } = [];
}

public sealed class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public long PriceCents { get; set; }
    public int Stock { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
}

public sealed class Customer
{
    public int Id { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Country { get; set; } = "";
    public bool IsVip { get; set; }
    public List<Order> Orders { get; set; } = [];
}

public enum OrderStatus { Pending, Paid, Shipped, Delivered, Cancelled }

public sealed class Order
{
    public int Id { get; set; }
    public string Number { get; set; } = "";
    public DateTime PlacedUtc { get; set; }
    public OrderStatus Status { get; set; }
    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public int Quantity { get; set; }
    public long UnitPriceCents { get; set; }
    public int DiscountPercent { get; set; }
}
