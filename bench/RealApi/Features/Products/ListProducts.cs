using Microsoft.EntityFrameworkCore;
using RealApi.Data;
using RealApi.Mapping;
using RealApi.Mediation;

namespace RealApi.Features.Products;

/// <summary>A category's products by name, a page at a time.</summary>
public sealed record ListProducts(string Category, Paging Paging) : IRequest<Page<ProductDto>>;

public sealed class ListProductsHandler(ShopDb db, ShopMapper mapper) : IRequestHandler<ListProducts, Page<ProductDto>>
{
    public async Task<Page<ProductDto>> Handle(ListProducts request, CancellationToken cancel)
    {
        var query = db.Products.AsNoTracking().Where(product => product.Category.Slug == request.Category);
        var total = await query.CountAsync(cancel);
        var products = await query.OrderBy(product => product.Name)
            .Skip(request.Paging.Skip).Take(request.Paging.Size)
            .Include(product => product.Category)
            .ToListAsync(cancel);
        return mapper.ToPage(products, mapper.ToProduct, request.Paging.Number, request.Paging.Size, total);
    }
}
