using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("reports")]
public sealed class ReportsController(ReportBuilder builder) : ControllerBase
{
    [HttpGet]
    public async Task<int> Get(int n)
    {
        var total = await builder.BuildAsync(n);
        return total;
    }
}
