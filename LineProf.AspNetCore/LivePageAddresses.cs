using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// The live page's address as a user can open it: a wildcard binding (<c>http://[::]:80</c>, <c>http://+:80</c>)
    /// becomes <c>localhost</c>, the only host name the page answers by default; and an endpoint Kestrel serves
    /// with HTTP/2 alone and no TLS (the gRPC template's <c>Kestrel:EndpointDefaults:Protocols=Http2</c>) is
    /// flagged, since browsers speak HTTP/2 only over TLS and cannot open it.
    /// </summary>
    internal static class LivePageAddresses
    {
        internal static string Describe(ICollection<string> serverAddresses, string livePagePath, IServiceProvider services)
        {
            if (serverAddresses.Count == 0) return livePagePath;
            var kestrel = services.GetService<IOptions<KestrelServerOptions>>()?.Value.ConfigurationLoader?.Configuration;
            return string.Join(" or ", serverAddresses.Select(address => Describe(address, livePagePath, kestrel)));
        }

        private static string Describe(string address, string livePagePath, IConfiguration? kestrel)
        {
            var url = Browsable(address) + livePagePath;
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !IsHttp2Only(address, kestrel)) return url;
            return url + " (this endpoint speaks HTTP/2 only, without TLS, which browsers cannot open: add an HTTP/1.1 " +
                "endpoint, e.g. Kestrel:Endpoints:Http1:Url with Protocols Http1, or read the report file)";
        }

        private static string Browsable(string address)
        {
            if (!Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
                return address.TrimEnd('/');
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
        }

        /// <summary>The protocols Kestrel's configuration gives this endpoint: its own entry's, else the defaults'.</summary>
        private static bool IsHttp2Only(string address, IConfiguration? kestrel)
        {
            if (kestrel == null) return false;
            var own = kestrel.GetSection("Endpoints").GetChildren()
                .FirstOrDefault(e => string.Equals(e["Url"]?.TrimEnd('/'), address.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))?["Protocols"];
            var protocols = own ?? kestrel["EndpointDefaults:Protocols"];
            return string.Equals(protocols?.Trim(), nameof(HttpProtocols.Http2), StringComparison.OrdinalIgnoreCase);
        }
    }
}
