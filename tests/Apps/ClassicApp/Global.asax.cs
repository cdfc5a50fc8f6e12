// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System;
using System.Web;
using System.Web.Routing;

namespace ClassicApp
{
    public class Global : HttpApplication
    {
        protected void Application_Start(object sender, EventArgs e)
        {
            RouteTable.Routes.Add(new Route("orders/{id}", new OrderRouteHandler())); // MARK:startup
        }
    }
}
