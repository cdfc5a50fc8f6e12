using System.Text.RegularExpressions;
using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>The messages gRPC calls received and sent (LineProf.Grpc counts them onto each call's request).</summary>
public static partial class ReportInvariants
{
    /// <summary>What ASP.NET Core's gRPC routes are: POST /package.Service/Method.</summary>
    private static readonly Regex s_grpcRoute = new(@"^/[^/\s]+/[^/\s]+$", RegexOptions.CultureInvariant);

    private static void MessageCountsHold(ProfileReport report, List<string> found)
    {
        foreach (var request in report.Requests) MessageCounts(request, found);
        foreach (var endpoint in report.Endpoints)
            MessageFigures("endpoint " + endpoint.Name, endpoint.MessagesIn, endpoint.MessagesOut, IsGrpcEndpoint(endpoint.Name), found);

        bool allRetained = report.Requests.Count == report.RequestCount;
        var byEndpoint = report.Requests.GroupBy(r => EndpointNameOf(r, report) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var endpoint in report.Endpoints)
        {
            var counted = (byEndpoint.GetValueOrDefault(endpoint.Name) ?? []).Where(r => r.MessagesIn != null).ToList();
            if (counted.Count == 0 && endpoint.MessagesIn == null) continue;
            long received = counted.Sum(r => r.MessagesIn ?? 0), sent = counted.Sum(r => r.MessagesOut ?? 0);
            long endpointIn = endpoint.MessagesIn ?? 0, endpointOut = endpoint.MessagesOut ?? 0;
            bool adds = allRetained ? endpointIn == received && endpointOut == sent : endpointIn >= received && endpointOut >= sent;
            if (!adds || (counted.Count > 0 && endpoint.MessagesIn == null))
                found.Add($"[requests' messages add up to their endpoint] endpoint {endpoint.Name}: messages {endpoint.MessagesIn}/{endpoint.MessagesOut}, " +
                    $"its retained requests' {received}/{sent} ({(allRetained ? "every request retained" : "some dropped")})");
        }
    }

    private static void MessageCounts(RequestReport request, List<string> found) =>
        MessageFigures(Describe(request), request.MessagesIn, request.MessagesOut,
            request.Kind == "http" && request.Method == "POST" && request.Endpoint != null && s_grpcRoute.IsMatch(request.Endpoint), found);

    private static bool IsGrpcEndpoint(string name) => name.StartsWith("POST ", StringComparison.Ordinal) && s_grpcRoute.IsMatch(name["POST ".Length..]);

    /// <summary>In and out come together, never negative, and only where a gRPC call was served.</summary>
    private static void MessageFigures(string where, long? messagesIn, long? messagesOut, bool grpc, List<string> found)
    {
        if (messagesIn == null && messagesOut == null) return;
        if (messagesIn == null || messagesOut == null)
            found.Add($"[message counts] {where}: messagesIn '{messagesIn}' and messagesOut '{messagesOut}' come together");
        if (messagesIn < 0) found.Add($"[no negative figure] {where}: messagesIn {messagesIn:N0}");
        if (messagesOut < 0) found.Add($"[no negative figure] {where}: messagesOut {messagesOut:N0}");
        if (!grpc) found.Add($"[message counts] {where}: has message counts but is no gRPC call (POST /package.Service/Method)");
    }
}
