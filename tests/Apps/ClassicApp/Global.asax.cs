// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System;
using System.Security.Principal;
using System.Web;
using System.Web.Configuration;
using System.Web.Routing;

namespace ClassicApp
{
    public class Global : HttpApplication
    {
        protected void Application_Start(object sender, EventArgs e)
        {
            RouteTable.Routes.Add(new Route("orders/{id}", new OrderRouteHandler())); // MARK:startup
#if LINEPROF
            // The tests recycle the app with this setting to try the live page's own authorization check.
            var user = WebConfigurationManager.AppSettings["Test:LivePageUser"];
            if (user != null) LineProf.SystemWeb.LineProfilerLivePage.Authorize = context => context.User?.Identity?.Name == user;
#endif
        }

        // Stands in for the app's real authentication (Forms, Windows): the user is whoever X-Test-User names.
        protected void Application_AuthenticateRequest(object sender, EventArgs e)
        {
            var name = Request.Headers["X-Test-User"];
            if (name != null) Context.User = new GenericPrincipal(new GenericIdentity(name), new string[0]);
        }
    }
}
