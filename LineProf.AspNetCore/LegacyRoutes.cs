using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// The route of a request MVC served without endpoint routing (<c>UseMvc()</c> with
    /// <c>EnableEndpointRouting = false</c>), which sets no endpoint: the attribute route template of the action it
    /// ran, else the conventional route's template with the action's controller, action and area filled in
    /// (<c>/Home/Index/{id?}</c>), so each action is summed apart as endpoint routing would sum it.
    /// </summary>
    internal static partial class LegacyRoutes
    {
        /// <summary>Null when MVC did not route the request (route data holds no action).</summary>
        internal static string? Describe(HttpContext context)
        {
            var routeData = context.GetRouteData();
            if (routeData.Values["action"] == null) return null;

            var actions = context.RequestServices.GetService<IActionDescriptorCollectionProvider>()?.ActionDescriptors.Items ?? [];
            var ran = actions.Where(a => a.RouteValues.All(required => SameValue(routeData.Values[required.Key], required.Value))).ToList();
            var templates = ran.Select(a => a.AttributeRouteInfo?.Template).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (templates is [{ } attributeTemplate]) return "/" + attributeTemplate.TrimStart('/');

            var conventional = routeData.Routers.OfType<Route>().LastOrDefault()?.RouteTemplate;
            if (conventional == null || ran.Count == 0) return null;
            var required = ran[0].RouteValues;
            return "/" + Parameter().Replace(conventional, match =>
                required.TryGetValue(match.Groups["name"].Value, out var value) && !string.IsNullOrEmpty(value) ? value : match.Value).TrimStart('/');
        }

        private static bool SameValue(object? routeValue, string? required) =>
            string.Equals(routeValue?.ToString() ?? "", required ?? "", StringComparison.OrdinalIgnoreCase);

        /// <summary>A template parameter: {name}, {name=default}, {name?}, {name:constraint}, {*name}.</summary>
        [GeneratedRegex(@"\{\**(?<name>[^{}=:?]+)[^{}]*\}")]
        private static partial Regex Parameter();
    }
}
