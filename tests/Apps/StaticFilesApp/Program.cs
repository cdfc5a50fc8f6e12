// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
var app = WebApplication.CreateBuilder(args).Build();

app.UseStaticFiles();

app.MapGet("/hello", () =>
{
    return Results.Text("hello"); // MARK:hello
});

app.Run();
