using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace LineProf.Bench.Workloads;

/// <summary>An order row of the rendering workload.</summary>
public sealed record OrderRow(int Id, string Customer, int Quantity, double UnitPrice);

/// <summary>
/// The web-like reference workload: renders order rows into an HTML table. A line-for-line port of
/// <c>render_orders</c> in bench/reference/workloads.py, which line_profiler is measured on.
/// </summary>
public static class OrderTable
{
    public static string Render(IReadOnlyList<OrderRow> orders)
    {
        var rows = new List<string>();
        foreach (var order in orders)
        {
            double total = order.Quantity * order.UnitPrice;
            string customer = WebUtility.HtmlEncode(order.Customer);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"<tr><td>{order.Id}</td><td>{customer}</td><td>{order.Quantity}</td><td>{total:F2}</td></tr>"));
        }
        return "<table>\n" + string.Join("\n", rows) + "\n</table>";
    }

    /// <summary>The same rows as <c>make_orders</c> in workloads.py.</summary>
    public static OrderRow[] MakeOrders(int count)
    {
        var orders = new OrderRow[count];
        for (int i = 0; i < count; i++)
            orders[i] = new OrderRow(i, $"Customer <{i % 97}> & Co", i % 7 + 1, i % 50 + 0.99);
        return orders;
    }
}
