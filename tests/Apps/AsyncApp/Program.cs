var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSingleton<ReportBuilder>();
var app = builder.Build();
app.MapControllers();
app.Run();

/// <summary>An injected service whose async loop yields and waits, so its runs hop between pool threads.</summary>
public sealed class ReportBuilder
{
    public async Task<int> BuildAsync(int n)
    {
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            await Task.Yield();
            total += i;
            await Task.Delay(1);
        }

        return total;
    }
}
