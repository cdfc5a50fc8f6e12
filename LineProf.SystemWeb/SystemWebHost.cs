using System;
using System.Threading;
using System.Web;
using System.Web.Configuration;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Connects the process's <see cref="LineProfiler"/> to this ASP.NET application, once per AppDomain: its
    /// options (web.config appSettings), its root (where App_Data/lineprof goes), its log, and its shutdown (the last
    /// write of the reports).
    /// </summary>
    internal static class SystemWebHost
    {
        private static int s_started;

        internal static void Start()
        {
            if (Interlocked.Exchange(ref s_started, 1) != 0) return;
            var options = AppSettingsOptions.Read(WebConfigurationManager.AppSettings, HostLog.Instance);
            LineProfiler.Shared.Configure(options, HttpRuntime.AppDomainAppPath, HostLog.Instance);

            // ASP.NET ends an application by unloading its AppDomain (a recycle, a web.config or bin/ change, the
            // server shutting down), after its last request. That is the last moment to write, and the only one Mono
            // gives: its FastCGI server dies on SIGTERM without running any shutdown code.
            AppDomain.CurrentDomain.DomainUnload += (sender, e) => LineProfiler.Shared.Shutdown();
        }
    }
}
