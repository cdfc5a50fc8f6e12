using System;
using System.IO;
using System.Threading;
using LineProf.Collection;
using LineProf.Hosting;
using LineProf.LineMaps;
using LineProf.Reporting;

namespace LineProf
{
    /// <summary>
    /// The profiler of this process, as hosts see it: they configure it once, begin and end requests, and ask for
    /// reports. Probes are static, so there is exactly one, <see cref="Shared"/>. Knows no web host.
    /// </summary>
    public sealed class LineProfiler
    {
        private readonly object _gate = new object();
        private LineProfilerOptions _options = new LineProfilerOptions();
        private string _contentRoot = Directory.GetCurrentDirectory();
        private ResultsStore _store;
        private OutsideRequests? _outside;
        private ReportPublisher? _publisher;
        private long _nextRequestId;
        private bool _started;
        private int _summarized;

        private LineProfiler()
        {
            RuntimeSettings.ApplyEnvironment(_options);
            _store = new ResultsStore(Limits(_options));
        }

        /// <summary>The profiler of this process.</summary>
        public static LineProfiler Shared { get; } = new LineProfiler();

        /// <summary>The options in effect, environment variables applied.</summary>
        public LineProfilerOptions Options
        {
            get { lock (_gate) return _options.Clone(); }
        }

        /// <summary>Whether requests are profiled: this process runs woven code and profiling is not turned off.</summary>
        public bool IsActive => Probe.Enabled && LineMapRegistry.AssemblyCount > 0 && Options.Enabled;

        /// <summary>Full path of lineprof.json.</summary>
        public string JsonReportPath => Path.Combine(OutputDirectory, ReportPublisher.JsonFileName);

        /// <summary>Full path of lineprof.html.</summary>
        public string HtmlReportPath => Path.Combine(OutputDirectory, ReportPublisher.HtmlFileName);

        internal string OutputDirectory
        {
            get
            {
                lock (_gate) return Path.GetFullPath(Path.Combine(_contentRoot, _options.OutputDirectory ?? "lineprof"));
            }
        }

        /// <summary>
        /// Applies a host's options; environment variables still win. <paramref name="contentRoot"/> is where a
        /// relative output folder is resolved. Call it at start-up, before requests arrive.
        /// </summary>
        public void Configure(LineProfilerOptions options, string? contentRoot = null, IProfilerLogSink? log = null)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (log != null) ProfilerLog.UseSink(log);

            var effective = options.Clone();
            RuntimeSettings.ApplyEnvironment(effective);
            effective.Mode = (effective.Mode ?? "").Trim().ToLowerInvariant();
            if (effective.Mode != ProfilingModes.Exact && effective.Mode != ProfilingModes.Sampled)
            {
                ProfilerLog.Warning("LP2003", $"LineProf mode '{effective.Mode}' is unknown; using 'exact'. The modes are " +
                    "'exact' (the clock is read at every line) and 'sampled' (exact hits, sampled time).");
                effective.Mode = ProfilingModes.Exact;
            }

            // Chosen before requests arrive; frames begun at start-up in the other mode only lose their own figures.
            Probe.Sampled = effective.Mode == ProfilingModes.Sampled;

            lock (_gate)
            {
                _options = effective;
                if (contentRoot != null) _contentRoot = contentRoot;
                _store = new ResultsStore(Limits(effective));
                ApplyOutsideRequests();
                if (_started) StartCollecting();
            }
        }

        /// <summary>
        /// Begins profiling a request on the calling flow: lines that run from here on, on this flow and on every
        /// thread it starts, count for it until <see cref="RequestScope.End"/>.
        /// </summary>
        public RequestScope BeginRequest(string method, string path, string? id = null)
        {
            try
            {
                var options = _options;
                if (!Probe.Enabled || !options.Enabled || IsExcluded(options, path))
                {
                    Unprofiled.Instance.MakeCurrent(); // keeps the request's lines out of the outside-requests figures
                    return RequestScope.NotProfiled.Instance;
                }

                var request = new ActiveRequest(id ?? Interlocked.Increment(ref _nextRequestId).ToString(
                    System.Globalization.CultureInfo.InvariantCulture), method, path);
                request.MakeCurrent();
                ProbeCalibration.OfferRequestContext();
                return new RequestScope.Profiled(request, _store, options.Mode);
            }
            catch (Exception e)
            {
                ProfilerLog.Error("LP2004", "A request could not be profiled: " + e.Message);
                return RequestScope.NotProfiled.Instance;
            }
        }

        /// <summary>Everything collected so far, as the report model.</summary>
        public ProfileReport CreateReport()
        {
            ResultsStore store;
            OutsideRequests? outside;
            string mode;
            lock (_gate)
            {
                store = _store;
                outside = _outside;
                mode = _options.Mode;
            }

            return ReportBuilder.Build(store.Snapshot(), outside?.Snapshot() ?? Array.Empty<LineSample>(), mode);
        }

        /// <summary>Forgets every request and line collected so far.</summary>
        public void Reset()
        {
            ResultsStore store;
            OutsideRequests? outside;
            lock (_gate)
            {
                store = _store;
                outside = _outside;
            }

            store.Reset();
            outside?.Reset();
        }

        /// <summary>Writes lineprof.json and lineprof.html now. Returns false (and logs why) if they could not be written.</summary>
        public bool WriteReports()
        {
            ReportPublisher? publisher;
            lock (_gate) publisher = _publisher;
            return publisher?.Write() ?? false;
        }

        /// <summary>
        /// The host has stopped serving: writes the reports and logs where they are with the hottest line. Collection and
        /// the periodic writes go on until <see cref="Shutdown"/>, which the process's exit calls at the latest, because
        /// the code around the host (the app's Main, still inside Run) finishes after this and its time belongs in the
        /// last report.
        /// </summary>
        internal void Conclude()
        {
            if (WriteReports()) Summarize();
        }

        /// <summary>
        /// Stops the periodic writes, writes the reports a last time and, unless <see cref="Conclude"/> already did, logs
        /// where they are with the hottest line. Hosts call it on graceful shutdown; a process exit calls it too.
        /// </summary>
        public void Shutdown()
        {
            ReportPublisher? publisher;
            lock (_gate)
            {
                publisher = _publisher;
                _publisher = null;
            }

            if (publisher != null && publisher.Stop()) Summarize();
        }

        /// <summary>Says once where the reports are and what their hottest line is.</summary>
        private void Summarize()
        {
            if (Interlocked.Exchange(ref _summarized, 1) != 0) return;
            try
            {
                ProfilerLog.Information("LP1002", ReportSummary.Describe(CreateReport(), HtmlReportPath));
            }
            catch (Exception e)
            {
                ProfilerLog.Warning("LP3002", "LineProf could not summarize its report: " + e.Message);
            }
        }

        /// <summary>The first woven assembly started running: start collecting.</summary>
        internal void OnAssemblyRegistered()
        {
            lock (_gate)
            {
                if (_started) return;
                _started = true;
                StartCollecting();
            }

            ProbeCalibration.StartMeasuringCalls();

            // A host that never calls Shutdown (a console app, a worker) still gets its final report.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
        }

        internal long ResultsVersion
        {
            get
            {
                lock (_gate) return _store.Version;
            }
        }

        /// <summary>Requests profiled since start or reset, without building a report.</summary>
        internal long RequestCount
        {
            get
            {
                ResultsStore store;
                lock (_gate) store = _store;
                return store.RequestCount;
            }
        }

        private void ApplyOutsideRequests()
        {
            if (Probe.Enabled && _options.Enabled && _options.ProfileOutsideRequests)
            {
                _outside ??= new OutsideRequests();
                LineSink.Outside = _outside;
            }
            else
            {
                LineSink.Outside = Unprofiled.Instance;
            }
        }

        private void StartCollecting()
        {
            if (Probe.Enabled && _options.Enabled && Probe.Sampled) LineSampler.EnsureStarted();
            ApplyOutsideRequests();
            StartPublishing();
        }

        private void StartPublishing()
        {
            _publisher?.Stop(writeLast: false);
            _publisher = _options.Enabled && _options.WriteFiles
                ? new ReportPublisher(this, OutputDirectory, _options.WriteInterval)
                : null;
        }

        private static bool IsExcluded(LineProfilerOptions options, string path)
        {
            if (path.StartsWith("/_lineprof", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var prefix in options.ExcludePaths)
            {
                if (!string.IsNullOrEmpty(prefix) && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        private static RetentionLimits Limits(LineProfilerOptions options) =>
            new RetentionLimits(Math.Max(0, options.RecentRequests), Math.Max(0, options.SlowestRequests));
    }
}
