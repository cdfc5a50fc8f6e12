namespace RealApi.Mapping;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => (TotalCount + PageSize - 1) / PageSize;
    public bool HasNext => PageNumber < PageCount;
    public bool HasPrevious => PageNumber > 1;
}

public sealed record CustomerDto(int Id, string Name, string Email, string Country, bool IsVip)
{
    public string Initials => $"{Name[0]}{Name[Name.IndexOf(' ') + 1]}";
}

public sealed record OrderSummaryDto(int Id, string Number, string PlacedOn, string Status, string CustomerName, int LineCount, int ItemCount, decimal Net, string NetText)
{
    public bool IsOpen => Status is "Pending" or "Paid";
    public bool IsLarge => ItemCount >= 10;
}

public sealed record OrderLineDto(int ProductId, string Sku, string ProductName, string Category, int Quantity, decimal UnitPrice, int DiscountPercent, decimal Gross, decimal Discount, decimal Net)
{
    public bool IsDiscounted => DiscountPercent > 0;
    public decimal Saved => Gross - Net;
}

public sealed record OrderDetailDto(int Id, string Number, string PlacedOn, string Status, CustomerDto Customer, IReadOnlyList<OrderLineDto> Lines, decimal Net, decimal Vat, decimal Total, string TotalText)
{
    public int ItemCount => Lines.Sum(line => line.Quantity);
    public bool HasDiscounts => Lines.Any(line => line.IsDiscounted);
}

public sealed record ProductDto(int Id, string Sku, string Name, string Category, decimal Price, string PriceText, int Stock)
{
    public bool InStock => Stock > 0;
    public string Availability => Stock switch { 0 => "out of stock", < 10 => "low stock", _ => "in stock" };
}
