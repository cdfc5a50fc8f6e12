namespace WebApiApp.Services;

/// <summary>The slow spot: an injected async service that loops and awaits, as a controller's action awaits it.</summary>
public sealed class ReportService
{
    public async Task<int> BuildAsync(int rows)
    {
        int total = 0;
        for (int i = 0; i < rows; i++)
        {
            await Task.Delay(3); // MARK:service-await
            total += Score(i); // MARK:service-body
        }

        return total;
    }

    private static int Score(int row) => row * row % 7;
}
