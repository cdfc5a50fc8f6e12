using LineProf.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Connects the process's <see cref="LineProfiler"/> to this app: its options, its content root (where
    /// <c>lineprof/</c> goes), its logging, and its graceful shutdown (the last write of the reports).
    /// </summary>
    internal sealed class LineProfilerHost
    {
        private readonly IOptionsMonitor<LineProfilerOptions> _options;
        private readonly IWebHostEnvironment _environment;
        private readonly IHostApplicationLifetime _lifetime;
        private readonly IServiceProvider _services;
        private readonly ILogger _logger;
        private int _started;
        private bool _underTest;

        public LineProfilerHost(IOptionsMonitor<LineProfilerOptions> options, IWebHostEnvironment environment,
            IHostApplicationLifetime lifetime, IServiceProvider services, ILoggerFactory loggers)
        {
            _options = options;
            _environment = environment;
            _lifetime = lifetime;
            _services = services;
            _logger = loggers.CreateLogger("LineProf");
        }

        public LineProfiler Profiler => LineProfiler.Shared;

        /// <summary>Applies the options once, when the pipeline is built, before the first request.</summary>
        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            _underTest = IsServedByTestServer();
            Profiler.Configure(_options.CurrentValue, _underTest ? AppContext.BaseDirectory : _environment.ContentRootPath, new LoggerSink(_logger));
            BlazorEvents.Listen();

            // A changed appsettings.json turns recording on or off and changes the selection, without a restart.
            _options.OnChange(reloaded =>
            {
                try
                {
                    Profiler.Reload(reloaded);
                }
                catch (Exception e)
                {
                    _logger.LogWarning("{Code}: LineProf could not apply the reloaded options: {Message}", "LP2015", e.Message);
                }
            });

            // ApplicationStopped comes after the server has drained its requests, so this write has them all, and the
            // app's logger still works to say where the report is. The process's exit writes it a last time, once Main
            // (which is inside Run until now) has returned and its time is known.
            _lifetime.ApplicationStopped.Register(() => Profiler.Conclude());

            // Claimed now, so the report writer does not say it too; said once the server listens, to name its address.
            if (Profiler.IsActive && ProfilerLog.Claim(ProfilerLog.ReportAnnouncement))
                _lifetime.ApplicationStarted.Register(Announce);
        }

        private void Announce()
        {
            try
            {
                if (_underTest)
                {
                    // Said on the thread that starts the factory, inside a test or its set-up, so the test framework
                    // shows it with that test's output; the app's console logger writes from a thread of its own.
                    Console.WriteLine($"{ProfilerLog.ReportAnnouncement}: LineProf is profiling this test run's requests; report: {Profiler.HtmlReportPath}");
                    return;
                }

                var addresses = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                var livePage = LivePageAddresses.Describe(addresses, LivePage.Path, _services);
                _logger.LogInformation("{Code}: LineProf is profiling requests; report: {Report}, live page: {LivePage}",
                    ProfilerLog.ReportAnnouncement, Profiler.HtmlReportPath, livePage);
            }
            catch (Exception)
            {
                // Saying where the report is must never stop the app from starting.
            }
        }

        /// <summary>
        /// The app runs inside a test run (Microsoft.AspNetCore.Mvc.Testing's WebApplicationFactory serves it in
        /// memory): its report belongs to the test run, in the test project's output folder, not in the app's source
        /// folder, which is the content root the factory gives it.
        /// </summary>
        private bool IsServedByTestServer() =>
            _services.GetService<IServer>()?.GetType().FullName == "Microsoft.AspNetCore.TestHost.TestServer";

        private sealed class LoggerSink : IProfilerLogSink
        {
            private readonly ILogger _logger;

            public LoggerSink(ILogger logger) => _logger = logger;

            public void Write(ProfilerLogLevel level, string code, string message)
            {
                var logLevel = level switch
                {
                    ProfilerLogLevel.Error => LogLevel.Error,
                    ProfilerLogLevel.Warning => LogLevel.Warning,
                    _ => LogLevel.Information,
                };
                _logger.Log(logLevel, "{Code}: {Message}", code, message);
            }
        }
    }
}
