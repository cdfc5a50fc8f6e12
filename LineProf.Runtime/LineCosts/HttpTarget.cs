using System;
using System.Text;

namespace LineProf.LineCosts
{
    /// <summary>
    /// What an outgoing HTTP call is summed under: its method, host and a route-like path. Query values are dropped
    /// (their names stay), and path segments that are numbers or GUIDs read <c>{id}</c>, so calls for each order of a
    /// list sum under one target, as an N+1 should.
    /// </summary>
    internal static class HttpTarget
    {
        internal const char Separator = '\n';

        internal static string Of(string method, Uri? uri)
        {
            if (uri == null || !uri.IsAbsoluteUri) return method + Separator + "" + Separator + (uri?.OriginalString ?? "");
            return method + Separator + uri.Authority + Separator + RouteLike(uri.AbsolutePath) + QueryNames(uri.Query);
        }

        /// <summary>Splits a target made by <see cref="Of"/> into its method, host and path.</summary>
        internal static (string Method, string Host, string Path) Parts(string target)
        {
            var parts = target.Split(Separator);
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : ("", "", target);
        }

        private static string RouteLike(string path)
        {
            var segments = path.Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                if (IsIdentifier(segments[i])) segments[i] = "{id}";
            }

            return string.Join("/", segments);
        }

        private static bool IsIdentifier(string segment)
        {
            if (segment.Length == 0) return false;
            if (Guid.TryParse(segment, out _)) return true;
            foreach (char c in segment)
            {
                if (c < '0' || c > '9') return false;
            }

            return true;
        }

        private static string QueryNames(string query)
        {
            if (query.Length <= 1) return "";
            var names = new StringBuilder("?");
            foreach (var pair in query.Substring(1).Split('&'))
            {
                if (pair.Length == 0) continue;
                int equals = pair.IndexOf('=');
                if (names.Length > 1) names.Append('&');
                names.Append(equals < 0 ? pair : pair.Substring(0, equals)).Append('=');
            }

            return names.ToString();
        }
    }
}
