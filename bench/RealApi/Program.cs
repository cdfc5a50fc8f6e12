using Microsoft.EntityFrameworkCore;
using RealApi.Controllers;
using RealApi.Data;
using RealApi.Mapping;
using RealApi.Mediation;
using RealApi.Services;

// An API shaped like the ones users run, for bench/real-app.sh: controllers, a mediator with pipeline behaviors,
// handlers, services, mapping code of small methods and one-line properties, EF Core over SQLite.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers(options => options.Filters.Add<ValidationFilter>());
builder.Services.AddMediator(typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>));
builder.Services.AddScoped<IValidator<RealApi.Features.Orders.PlaceOrder>, RealApi.Features.Orders.PlaceOrderValidator>();
builder.Services.AddSingleton<PricingService>();
builder.Services.AddSingleton<ShopMapper>();
builder.Services.AddSingleton<OrderNumbers>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDbContext<ShopDb>(options => options.UseSqlite(
    builder.Configuration.GetConnectionString("Shop") ?? "Data Source=" + Path.Combine(builder.Environment.ContentRootPath, "shop.db")));

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    ShopSeeder.Reset(scope.ServiceProvider.GetRequiredService<ShopDb>());
}

app.MapControllers();
app.Run();
