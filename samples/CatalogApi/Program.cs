using CatalogApi.Data;
using CatalogApi.Models;
using CatalogApi.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<CatalogStore>();
builder.Services.AddSingleton<PricingService>();

var app = builder.Build();

app.MapGet("/products", async (string? category, CatalogStore store, CancellationToken cancel) =>
{
    var products = await store.ListProductsAsync(category, cancel);
    return Results.Ok(products.Take(50));
});

app.MapGet("/products/{id:int}", async (int id, CatalogStore store, CancellationToken cancel) =>
    await store.FindProductAsync(id, cancel) is { } product ? Results.Ok(product) : Results.NotFound());

app.MapGet("/pricelist/{category}", (string category, CatalogStore store) =>
    Results.Content(PriceList.ToHtml(category, store.CachedCategory(category)), "text/html"));

app.MapGet("/orders/{id:int}", async (int id, CatalogStore store, PricingService pricing, CancellationToken cancel) =>
{
    var order = await store.FindOrderAsync(id, cancel);
    if (order is null) return Results.NotFound();
    var priced = await pricing.PriceAsync(order, cancel);
    return Results.Ok(priced);
});

app.MapPost("/orders", async (NewOrder order, CatalogStore store, PricingService pricing, CancellationToken cancel) =>
{
    if (order.Lines.Count == 0) return Results.BadRequest("An order needs at least one line.");
    var saved = await store.SaveOrderAsync(order, cancel);
    return Results.Created($"/orders/{saved.Id}", await pricing.PriceAsync(saved, cancel));
});

app.MapGet("/export/catalog.csv", async (CatalogStore store, CancellationToken cancel) =>
{
    var products = await store.ListProductsAsync(null, cancel);
    return Results.Text(CatalogExporter.ToCsv(products), "text/csv");
});

app.Run();
