using System.Globalization;
using System.Net;
using System.Text;
using CatalogApi.Models;

namespace CatalogApi.Services;

/// <summary>Renders a category's price list as an HTML table for the shop's pages.</summary>
public static class PriceList
{
    public static string ToHtml(string category, IReadOnlyList<Product> products)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{WebUtility.HtmlEncode(category)}</h1>\n<table>\n<tr><th>Id</th><th>Name</th><th>Price</th><th>Stock</th></tr>\n");
        foreach (var product in products)
        {
            string name = WebUtility.HtmlEncode(product.Name);
            string stock = product.Stock > 0 ? product.Stock.ToString(CultureInfo.InvariantCulture) : "sold out";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{product.Id}</td><td>{name}</td><td>{product.Price:0.00}</td><td>{stock}</td></tr>\n");
        }

        return html.Append("</table>\n").ToString();
    }
}
