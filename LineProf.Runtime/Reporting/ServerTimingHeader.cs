using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LineProf.Collection;
using LineProf.LineMaps;

namespace LineProf.Reporting
{
    /// <summary>
    /// The W3C <c>Server-Timing</c> header of a profiled response, which browsers' dev tools show beside the request:
    /// the time in profiled lines so far and the top lines by self time, as file name and line. A header must be sent
    /// before the body, so the figures are those at that moment; the report has the whole request.
    /// </summary>
    public static class ServerTimingHeader
    {
        /// <summary>The response header.</summary>
        public const string Name = "Server-Timing";

        /// <summary>The response header with the link to the request on the live page.</summary>
        public const string LinkName = "X-LineProf-Request";

        /// <summary>How many lines the header names.</summary>
        public const int TopLines = 3;

        /// <summary>
        /// Whether <paramref name="request"/>'s response gets the headers under <paramref name="profiler"/>'s options: a
        /// profiled request that was triggered, or any profiled one when configured so.
        /// </summary>
        public static bool Applies(RequestScope request, LineProfiler profiler)
        {
            if (!(request.Effective is RequestScope.Profiled profiled)) return false;
            var mode = profiler.ServerTimingMode;
            return mode == ServerTimingModes.All || (mode == ServerTimingModes.Triggered && profiled.Triggered);
        }

        /// <summary>The header's value for <paramref name="request"/> as it is now; null when it is not profiled.</summary>
        public static string? ValueOf(RequestScope request)
        {
            if (!(request.Effective is RequestScope.Profiled profiled)) return null;
            long perHit = Probe.Sampled ? 0 : ProbeCalibration.PerHitTicks;
            var byLine = new Dictionary<(string File, int Line), long>();
            foreach (var sample in profiled.Request.LinesSoFar())
            {
                if (sample.Hits == 0 && sample.SelfTicks == 0) continue;
                var entry = LineMapRegistry.Resolve(sample.Probe);
                var key = (FileName(entry?.File ?? "(unknown)"), entry?.Line ?? 0);
                byLine.TryGetValue(key, out long self);
                byLine[key] = self + ProbeClock.Nanoseconds(Math.Max(0, sample.SelfTicks - sample.Hits * perHit));
            }

            var header = new StringBuilder();
            header.Append("lineprof;dur=").Append(Milliseconds(byLine.Values.Sum())).Append(";desc=\"profiled lines\"");
            int rank = 0;
            foreach (var line in byLine.OrderByDescending(l => l.Value).ThenBy(l => l.Key.File, StringComparer.Ordinal).Take(TopLines))
            {
                header.Append(", lineprof-").Append(++rank).Append(";dur=").Append(Milliseconds(line.Value))
                    .Append(";desc=\"").Append(Quoted(line.Key.File)).Append(':').Append(line.Key.Line.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            return header.ToString();
        }

        /// <summary>
        /// The link to <paramref name="request"/> on the live page at <paramref name="pageUrl"/> (the page's path as
        /// the client sees it); the request shows there once it has ended. Null when it is not profiled.
        /// </summary>
        public static string? LinkOf(string pageUrl, RequestScope request) =>
            request.Effective is RequestScope.Profiled profiled ? pageUrl + "#request/" + Uri.EscapeDataString(profiled.Request.Id) : null;

        /// <summary>The file's name only: enough to find the line, and no build machine's folders in a response.</summary>
        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        private static string Milliseconds(long nanoseconds) => (nanoseconds / 1e6).ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>A quoted-string holds no quote, backslash or control character unescaped; a file name may hold anything.</summary>
        private static string Quoted(string text)
        {
            var quoted = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c < 0x20 || c > 0x7e) quoted.Append('?'); // header values are ASCII; a name outside it is shown approximately
                else if (c == '"' || c == '\\') quoted.Append('\\').Append(c);
                else quoted.Append(c);
            }

            return quoted.ToString();
        }
    }
}
