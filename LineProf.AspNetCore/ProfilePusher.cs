using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using LineProf.Pprof;
using LineProf.Reporting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Sends what was profiled since the last successful push, as pprof, to a Pyroscope-style <c>/ingest</c> endpoint
    /// every <see cref="LineProfilerPushOptions.Interval"/>. It runs on its own task, never on a request's; an attempt
    /// has a timeout, a push has <see cref="LineProfilerPushOptions.MaxAttempts"/>, and a push given up is not lost:
    /// its lines go with the next one (the baseline only moves on success). A last push is tried at shutdown.
    /// </summary>
    internal sealed class ProfilePusher : BackgroundService
    {
        private readonly LineProfilerHost _host;
        private readonly LineProfilerPushOptions _options;
        private readonly ILogger _logger;
        private ProfileReport? _sent;
        private DateTime _sentUntil;
        private bool _failing;

        public ProfilePusher(LineProfilerHost host, IOptions<LineProfilerPushOptions> options, ILoggerFactory loggers)
        {
            _host = host;
            _options = options.Value;
            _logger = loggers.CreateLogger("LineProf");
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (string.IsNullOrWhiteSpace(_options.Url)) return;
            if (!Uri.TryCreate(_options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                _logger.LogWarning("{Code}: LineProf:Push:Url '{Url}' is not an http or https address; LineProf does not push its profile", PushCode, _options.Url);
                return;
            }

            _sentUntil = DateTime.UtcNow;
            // Out-of-range settings fall back to the defaults: a push setting must never stop the app (an exception
            // escaping a hosted service stops the host).
            var defaults = new LineProfilerPushOptions();
            using var client = new HttpClient { Timeout = _options.Timeout > TimeSpan.Zero ? _options.Timeout : defaults.Timeout };
            using var timer = new PeriodicTimer(_options.Interval > TimeSpan.Zero ? _options.Interval : defaults.Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                    await PushAsync(client, Math.Max(1, _options.MaxAttempts), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: one last attempt, bounded by the attempt's timeout, for what the last interval held.
                await PushAsync(client, attempts: 1, CancellationToken.None);
            }
        }

        private async Task PushAsync(HttpClient client, int attempts, CancellationToken cancellation)
        {
            if (!_host.Profiler.IsActive) return; // profiling off, or no woven code: nothing to send
            try
            {
                var report = _host.Profiler.CreateReport();
                var delta = ReportDelta.Since(_sent, report);
                var until = DateTime.UtcNow;
                if (delta.Endpoints.Count == 0)
                {
                    _sent = report;
                    _sentUntil = until;
                    return;
                }

                byte[] profile = PprofProfile.ToBytes(delta, new Dictionary<string, string>(_options.Labels));
                var address = IngestAddress(_sentUntil, until);
                for (int attempt = 1; attempt <= attempts; attempt++)
                {
                    string? failure = await SendAsync(client, address, profile, cancellation);
                    if (failure == null)
                    {
                        _sent = report;
                        _sentUntil = until;
                        if (_failing) _logger.LogInformation("{Code}: LineProf pushes its profile to {Url} again", PushCode, _options.Url);
                        _failing = false;
                        return;
                    }

                    if (attempt == attempts)
                    {
                        // Said once per streak of failures, not every interval.
                        if (!_failing) _logger.LogWarning("{Code}: LineProf could not push its profile to {Url} ({Failure}); it keeps what was not sent for the next push", PushCode, _options.Url, failure);
                        _failing = true;
                        return;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellation); // a short back-off between attempts
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _logger.LogWarning("{Code}: LineProf's profile push failed: {Message}", PushCode, e.Message);
            }
        }

        internal const string PushCode = "LP2101";

        private async Task<string?> SendAsync(HttpClient client, Uri address, byte[] profile, CancellationToken cancellation)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(profile) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            if (_options.AuthorizationHeader != null) request.Headers.TryAddWithoutValidation("Authorization", _options.AuthorizationHeader);
            foreach (var header in _options.Headers) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            try
            {
                using var response = await client.SendAsync(request, cancellation);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return $"no answer within {client.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
            catch (HttpRequestException e)
            {
                return e.Message;
            }
        }

        /// <summary>
        /// <c>{url}/ingest?name=app{k=v,…}&amp;from=…&amp;until=…&amp;format=pprof</c>, Pyroscope's ingest API: the name
        /// carries the labels, from and until are Unix seconds.
        /// </summary>
        internal Uri IngestAddress(DateTime from, DateTime until)
        {
            var name = new StringBuilder(_options.ApplicationName);
            if (_options.Labels.Count > 0)
                name.Append('{').AppendJoin(',', _options.Labels.Select(l => l.Key + "=" + l.Value)).Append('}');
            string root = _options.Url!.TrimEnd('/');
            return new Uri(root + "/ingest?name=" + Uri.EscapeDataString(name.ToString()) +
                "&from=" + Unix(from) + "&until=" + Unix(Max(until, from)) + "&format=pprof&spyName=lineprof");
        }

        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

        private static string Unix(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}
