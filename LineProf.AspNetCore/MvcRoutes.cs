using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// MVC's routes named per action, as a user reads them: a conventional route's template with the action's
    /// controller, action and area filled in (<c>/Home/Index/{id?}</c>), or the action's attribute route template;
    /// under endpoint routing and under MVC's own routing alike.
    /// </summary>
    internal static partial class MvcRoutes
    {
        /// <summary>
        /// The route of a request MVC served without endpoint routing (<c>UseMvc()</c> with
        /// <c>EnableEndpointRouting = false</c>), which sets no endpoint. Null when MVC did not route the request
        /// (route data holds no action).
        /// </summary>
        internal static string? WithoutEndpoint(HttpContext context)
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
            return "/" + FillIn(conventional, name => required.TryGetValue(name, out var value) ? value : null).TrimStart('/');
        }

        /// <summary>
        /// A conventional template with the parameters the action fixes (controller, action, area) replaced by their
        /// values: <c>{controller=Home}/{action=Index}/{id?}</c> for HomeController.About reads <c>Home/About/{id?}</c>.
        /// Endpoint routing gives every action of a conventional route that same raw template, so both routings
        /// name an action this way.
        /// </summary>
        internal static string FillIn(string template, Func<string, string?> requiredValue) =>
            Parameter().Replace(template, match =>
                requiredValue(match.Groups["name"].Value) is { Length: > 0 } value ? value : match.Value);

        private static bool SameValue(object? routeValue, string? required) =>
            string.Equals(routeValue?.ToString() ?? "", required ?? "", StringComparison.OrdinalIgnoreCase);

        /// <summary>A template parameter: {name}, {name=default}, {name?}, {name:constraint}, {*name}.</summary>
        [GeneratedRegex(@"\{\**(?<name>[^{}=:?]+)[^{}]*\}")]
        private static partial Regex Parameter();
    }
}
