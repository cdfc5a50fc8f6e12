using LineProf.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Places LineProf's middleware in the pipeline.</summary>
    public static class LineProfilerApplicationBuilderExtensions
    {
        /// <summary>
        /// Profiles every request that passes this point and serves the live page <c>/_lineprof</c>. Apps built with
        /// LineProfile=true get this first in their pipeline automatically; call it yourself to place it elsewhere.
        /// Adding it twice profiles each request once.
        /// </summary>
        public static IApplicationBuilder UseLineProfiler(this IApplicationBuilder app)
        {
            var host = app.ApplicationServices.GetService<LineProfilerHost>()
                ?? throw new InvalidOperationException("Call services.AddLineProfiler() before app.UseLineProfiler().");
            host.Start();
            return app.UseMiddleware<LineProfilerMiddleware>(host);
        }
    }
}
