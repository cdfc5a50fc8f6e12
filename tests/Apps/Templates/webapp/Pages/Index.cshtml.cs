using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WebApp.Pages;

public class IndexModel(ILogger<IndexModel> logger) : PageModel
{
    public List<decimal> Prices { get; } = [];

    public async Task OnGetAsync(int items = 10)
    {
        logger.LogDebug("Pricing {Items} items", items);
        for (int i = 0; i < items; i++)
        {
            await Task.Delay(3); // MARK:handler-await
            Prices.Add(i * 1.25m); // MARK:handler-body
        }
    }
}
