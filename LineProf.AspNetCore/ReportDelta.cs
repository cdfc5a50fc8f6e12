using LineProf.Reporting;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// What was profiled between two reports of one process, per endpoint and line: a continuous profiler sums the
    /// profiles it receives over time, so each push must hold only the lines run since the previous one.
    /// </summary>
    internal static class ReportDelta
    {
        public static ProfileReport Since(ProfileReport? previous, ProfileReport current)
        {
            var before = new Dictionary<(string, string, int, string), RequestLine>();
            foreach (var endpoint in previous?.Endpoints ?? [])
            {
                foreach (var line in endpoint.Lines) before[(endpoint.Name, line.File, line.Line, line.Method)] = line;
            }

            var delta = new ProfileReport
            {
                Mode = current.Mode, Clock = current.Clock, GeneratedUtc = current.GeneratedUtc, Methods = current.Methods,
            };
            foreach (var endpoint in current.Endpoints)
            {
                var lines = new List<RequestLine>();
                foreach (var line in endpoint.Lines)
                {
                    // A line with fewer hits than before was reset (POST /_lineprof/api/reset): all it has is new.
                    var old = before.TryGetValue((endpoint.Name, line.File, line.Line, line.Method), out var seen) && seen.Hits <= line.Hits ? seen : null;
                    long hits = line.Hits - (old?.Hits ?? 0);
                    if (hits == 0) continue;
                    lines.Add(new RequestLine
                    {
                        File = line.File, Line = line.Line, Method = line.Method, Hits = hits,
                        TimeNs = line.TimeNs - (old?.TimeNs ?? 0), SelfNs = line.SelfNs - (old?.SelfNs ?? 0),
                        Counted = line.Counted, // a small member's hits with no time: the profile says its time is its caller's
                    });
                }

                if (lines.Count > 0) delta.Endpoints.Add(new EndpointReport { Name = endpoint.Name, Lines = lines });
            }

            return delta;
        }
    }
}
