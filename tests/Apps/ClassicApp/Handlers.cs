// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using System.Web.Routing;

namespace ClassicApp
{
    public sealed class LoopHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            int n = int.Parse(context.Request.QueryString["n"], CultureInfo.InvariantCulture);
            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += Work.Square(i); // MARK:loop-body
            }

            context.Response.Write(sum.ToString(CultureInfo.InvariantCulture));
        }
    }

    public sealed class SleepHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            Thread.Sleep(100); // MARK:sleep
            context.Response.Write("slept");
        }
    }

    public sealed class DelayHandler : HttpTaskAsyncHandler
    {
        public override async Task ProcessRequestAsync(HttpContext context)
        {
            await Task.Delay(100); // MARK:delay
            int square = await Task.Run(() => Work.Square(12)); // MARK:delay-task-run
            context.Response.Write("delayed " + square.ToString(CultureInfo.InvariantCulture)); // MARK:after-delay
        }
    }

    public sealed class ParallelHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            int count = 0;
            Parallel.For(0, 10000, i =>
            {
                Interlocked.Increment(ref count); // MARK:parallel-body
            });
            context.Response.Write(count.ToString(CultureInfo.InvariantCulture));
        }
    }

    public sealed class ThrowHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            Work.Fail(); // MARK:throw-call
        }
    }

    public sealed class EndHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            context.Response.Write("ended");
            context.Response.End(); // MARK:end
            context.Response.Write("unreachable"); // MARK:after-end
        }
    }

    public sealed class RedirectHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            context.Response.Redirect("/sleep", endResponse: true); // MARK:redirect
        }
    }

    public sealed class HealthHandler : IHttpHandler
    {
        public bool IsReusable => true;

        public void ProcessRequest(HttpContext context)
        {
            context.Response.Write("healthy"); // MARK:health
        }
    }

    public sealed class OrderRouteHandler : IRouteHandler
    {
        public IHttpHandler GetHttpHandler(RequestContext requestContext) => new OrderHandler();
    }

    public sealed class OrderHandler : IHttpHandler
    {
        public bool IsReusable => false;

        public void ProcessRequest(HttpContext context)
        {
            var id = context.Request.RequestContext.RouteData.Values["id"];
            context.Response.Write("order " + id); // MARK:order
        }
    }

    internal static class Work
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Square(int x)
        {
            return x * x; // MARK:square
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Fail()
        {
            throw new System.InvalidOperationException("deliberate"); // MARK:throw
        }
    }
}
