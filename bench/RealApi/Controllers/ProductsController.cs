using Microsoft.AspNetCore.Mvc;
using RealApi.Features;
using RealApi.Features.Products;
using RealApi.Mapping;
using RealApi.Mediation;

namespace RealApi.Controllers;

[ApiController]
[Route("api/categories/{category}/products")]
public sealed class ProductsController(ISender sender) : ControllerBase
{
    [HttpGet]
    public Task<Page<ProductDto>> List(string category, int? page, int? pageSize, CancellationToken cancel) =>
        sender.Send(new ListProducts(category, Paging.From(page, pageSize)), cancel);
}
