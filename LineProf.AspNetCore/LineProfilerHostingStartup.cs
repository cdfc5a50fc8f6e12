using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Registers LineProf in an app built with LineProfile=true, without any code change: the LineProf targets add
    /// <c>[assembly: HostingStartup(typeof(LineProfilerHostingStartup))]</c> to the app, and ASP.NET Core runs the
    /// hosting startups it finds in the app's own assembly.
    /// </summary>
    public sealed class LineProfilerHostingStartup : IHostingStartup
    {
        /// <inheritdoc />
        public void Configure(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddLineProfiler());
    }
}
