using System;
using System.IO;
using System.Web;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Keeps the application from serving LineProf's own reports. They go to App_Data by default, which IIS never
    /// serves, but Mono's static file handler does; and a configured folder may be anywhere under the site. A request
    /// for a file in the report folder gets the 404 of a file that does not exist.
    /// </summary>
    internal static class ReportFolder
    {
        /// <summary>Answers 404 if the request maps into the report folder. False leaves it to the pipeline.</summary>
        internal static bool TryRefuse(HttpContext context)
        {
            string physical;
            try
            {
                physical = Path.GetFullPath(context.Request.PhysicalPath);
            }
            catch (Exception)
            {
                return false; // a path ASP.NET cannot map to a file cannot serve one either
            }

            var folder = Path.GetDirectoryName(LineProfiler.Shared.JsonReportPath)!.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!physical.StartsWith(folder, StringComparison.OrdinalIgnoreCase)) return false;

            context.Response.StatusCode = 404;
            return true;
        }
    }
}
