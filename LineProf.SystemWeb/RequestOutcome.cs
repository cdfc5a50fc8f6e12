using System.Web;
using System.Web.Routing;

namespace LineProf.SystemWeb
{
    /// <summary>What a finished request is reported with: its status and the endpoint it is summed under.</summary>
    internal static class RequestOutcome
    {
        /// <summary>
        /// The status the client gets. A request that failed still says 200 in Response.StatusCode at EndRequest (the
        /// error page has not set it yet), so an unhandled error decides: an HttpException's own code, else 500.
        /// </summary>
        internal static int StatusOf(HttpContext context)
        {
            var error = context.Error;
            if (error == null) return context.Response.StatusCode;
            return error is HttpException http ? http.GetHttpCode() : 500;
        }

        /// <summary>
        /// The route template ("/orders/{id}") when System.Web.Routing (MVC, Web API) matched the request, else the
        /// path of the file or handler mapping that served it, without its path info and query.
        /// </summary>
        internal static string? EndpointOf(HttpContext context)
        {
            var request = context.Request;
            if (request.RequestContext?.RouteData?.Route is Route route && route.Url != null) return "/" + route.Url;
            return request.FilePath;
        }
    }
}
