using Microsoft.EntityFrameworkCore;
using WebApiApp.Data;
using WebApiApp.Services;

var builder = WebApplication.CreateBuilder(args);

// Add services to the container.

builder.Services.AddControllers();
// Learn more about configuring OpenAPI at https://aka.ms/aspnet/openapi
builder.Services.AddOpenApi();
builder.Services.AddSingleton<ReportService>();
builder.Services.AddDbContext<OrdersDb>(options =>
    options.UseSqlite("Data Source=" + Path.Combine(builder.Environment.ContentRootPath, "orders.db")));

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    OrdersDb.Seed(scope.ServiceProvider.GetRequiredService<OrdersDb>());
}

// Configure the HTTP request pipeline.
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.UseHttpsRedirection();

app.UseAuthorization();

app.MapControllers();

app.Run();
