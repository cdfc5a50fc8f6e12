var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/order/{quantity:int}", (int quantity) =>
{
    var total = Orders.OrderBook.Total(quantity); // MARK:web
    return Results.Text(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
});
app.Run();
