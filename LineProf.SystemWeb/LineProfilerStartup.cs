using System;
using System.ComponentModel;
using System.Web;
using LineProf.Hosting;

[assembly: PreApplicationStartMethod(typeof(LineProf.SystemWeb.LineProfilerStartup), nameof(LineProf.SystemWeb.LineProfilerStartup.Start))]

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Registers <see cref="LineProfilerModule"/> in a woven application without any web.config edit: ASP.NET runs
    /// the PreApplicationStartMethod of every assembly in bin/ before the application starts, and the LineProf targets
    /// put this assembly there only when LineProfile is true. Works on IIS (classic and integrated pipelines), IIS
    /// Express and Mono.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class LineProfilerStartup
    {
        /// <summary>Called by ASP.NET. Never throws: an exception here would stop the application from starting.</summary>
        public static void Start()
        {
            try
            {
                // Configured this early, the report never goes to the server's working folder first.
                SystemWebHost.Start();
                HttpApplication.RegisterModule(typeof(LineProfilerModule));
            }
            catch (Exception e)
            {
                HostLog.Instance.Write(ProfilerLogLevel.Error, "LP2101", "LineProf could not register its module, so requests are " +
                    "not profiled: " + e.Message + " List LineProf.SystemWeb.LineProfilerModule in web.config instead (see the README).");
            }
        }
    }
}
