using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace LineProf.AspNetCore
{
    /// <summary>Puts LineProf's middleware first, so each request's profile covers the whole pipeline.</summary>
    internal sealed class LineProfilerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseLineProfiler();
            next(app);
        };
    }
}
