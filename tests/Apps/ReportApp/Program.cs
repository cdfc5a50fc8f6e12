// Lines the tests look for carry a marker comment; the tests find them by it, not by number.
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// With REPORTAPP_AUTH=policy the live page is open to whoever the "LineProfViewers" policy admits, from anywhere,
// as the README shows; the tests authenticate with a header instead of a real sign-in.
if (Environment.GetEnvironmentVariable("REPORTAPP_AUTH") == "policy")
{
    builder.Services.AddAuthentication("Header").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("Header", null);
    builder.Services.AddAuthorization(options =>
        options.AddPolicy("LineProfViewers", policy => policy.RequireRole("admin")));
    builder.Services.AddLineProfilerLivePage(page => page.Authorize = async context =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(context.User, "LineProfViewers")).Succeeded);
}

var app = builder.Build();

app.MapGet("/orders/{id:int}", async (int id) =>
{
    var order = await Orders.LoadAsync(id);
    var total = Pricing.Total(order);
    return Results.Text($"order {id}: {total}");
});

app.MapGet("/slow", () =>
{
    Thread.Sleep(60); // MARK:slow-sleep
    return Results.Text("slow");
});

app.MapGet("/report/{rows:int}", (int rows) => Results.Text(Reports.Build(rows)));

app.MapGet("/hostile", () =>
{
    var markup = "</script><script>window.__pwned = 1</script><!-- <img src=x onerror=\"window.__pwned = 2\">"; // MARK:hostile-source
    return Results.Text(markup.Length.ToString());
});

app.Run();

internal static class Orders
{
    public static async Task<int[]> LoadAsync(int id)
    {
        await Task.Delay(20); // MARK:orders-delay
        var lines = new int[id % 5 + 3];
        for (int i = 0; i < lines.Length; i++) lines[i] = id * 10 + i;
        return lines;
    }
}

internal static class Pricing
{
    public static long Total(int[] lines)
    {
        long total = 0;
        foreach (var line in lines)
        {
            total += PriceOf(line); // MARK:price-call
        }

        return total;
    }

    private static long PriceOf(int product) => product * 3 + 1; // MARK:price-of
}

internal static class Reports
{
    // A long method with one hot line: the source view folds the cold stretches around it.
    public static string Build(int rows)
    {
        var title = "Report";
        var header = title.ToUpperInvariant();
        var separator = new string('-', header.Length);
        var builder = new System.Text.StringBuilder();
        builder.AppendLine(header);
        builder.AppendLine(separator);
        int even = 0;
        int odd = 0;
        for (int i = 0; i < rows; i++)
        {
            if (i % 2 == 0) even++;
            else odd++;
        }

        Thread.Sleep(30); // MARK:report-hot
        var summary = $"{even} even, {odd} odd";
        builder.AppendLine(summary);
        var footer = separator + separator;
        builder.AppendLine(footer);
        var length = builder.Length;
        var text = builder.ToString();
        var trimmed = text.Trim();
        var upper = trimmed.Length > 0 ? trimmed : text;
        var final = upper + Environment.NewLine + length;
        return final;
    }
}

internal sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("X-Demo-Role", out var role)) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, role.ToString())], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
