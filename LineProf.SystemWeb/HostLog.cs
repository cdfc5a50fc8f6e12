using System;
using System.Diagnostics;
using LineProf.Hosting;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Where LineProf's messages go in a classic ASP.NET application: standard error, which Mono's servers and IIS
    /// Express show, and System.Diagnostics.Trace, which web.config can route to any listener on IIS.
    /// </summary>
    internal sealed class HostLog : IProfilerLogSink
    {
        internal static readonly HostLog Instance = new HostLog();

        public void Write(ProfilerLogLevel level, string code, string message)
        {
            var line = $"lineprof {level.ToString().ToLowerInvariant()} {code}: {message}";
            try
            {
                Console.Error.WriteLine(line);
            }
            catch (Exception)
            {
                // No console (a service): Trace below may still reach someone.
            }

            switch (level)
            {
                case ProfilerLogLevel.Error:
                    Trace.TraceError(line);
                    break;
                case ProfilerLogLevel.Warning:
                    Trace.TraceWarning(line);
                    break;
                default:
                    Trace.TraceInformation(line);
                    break;
            }
        }
    }
}
