using LineProf.Hosting;
using Microsoft.AspNetCore.Hosting;
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
        private readonly IOptions<LineProfilerOptions> _options;
        private readonly IWebHostEnvironment _environment;
        private readonly IHostApplicationLifetime _lifetime;
        private readonly ILogger _logger;
        private int _started;

        public LineProfilerHost(IOptions<LineProfilerOptions> options, IWebHostEnvironment environment,
            IHostApplicationLifetime lifetime, ILoggerFactory loggers)
        {
            _options = options;
            _environment = environment;
            _lifetime = lifetime;
            _logger = loggers.CreateLogger("LineProf");
        }

        public LineProfiler Profiler => LineProfiler.Shared;

        /// <summary>Applies the options once, when the pipeline is built, before the first request.</summary>
        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            Profiler.Configure(_options.Value, _environment.ContentRootPath, new LoggerSink(_logger));

            // ApplicationStopped comes after the server has drained its requests, so the last write has them all.
            _lifetime.ApplicationStopped.Register(() => Profiler.Shutdown());
            if (Profiler.IsActive)
                _logger.LogInformation("LineProf is profiling requests; report: {Report}, live page: /_lineprof", Profiler.HtmlReportPath);
        }

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
