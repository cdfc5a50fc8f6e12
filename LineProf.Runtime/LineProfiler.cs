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
        private RequestSelector _selector;
        private OutsideRequests? _outside;
        private ReportPublisher? _publisher;
        private long _nextRequestId;
        private volatile bool _paused;
        private bool _configuredEnabled = true;
        private bool _started;
        private int _summarized;

        private LineProfiler()
        {
            RuntimeSettings.ApplyEnvironment(_options);
            _store = new ResultsStore(Limits(_options), Rules(_options));
            _selector = new RequestSelector(_options);
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
        /// relative output folder is resolved. Call it at start-up, before requests arrive. Requests already collected
        /// (by another host of this process) are kept, unless the retention limits change.
        /// </summary>
        public void Configure(LineProfilerOptions options, string? contentRoot = null, IProfilerLogSink? log = null)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (log != null) ProfilerLog.UseSink(log);

            var effective = options.Clone();
            RuntimeSettings.ApplyEnvironment(effective);
            effective.Mode = (effective.Mode ?? "").Trim().ToLowerInvariant();
            effective.ServerTiming = (effective.ServerTiming ?? "").Trim().ToLowerInvariant();
            if (effective.Mode != ProfilingModes.Exact && effective.Mode != ProfilingModes.Sampled)
            {
                ProfilerLog.Warning("LP2003", $"LineProf mode '{effective.Mode}' is unknown; using 'exact'. The modes are " +
                    "'exact' (the clock is read at every line) and 'sampled' (exact hits, sampled time).");
                effective.Mode = ProfilingModes.Exact;
            }

            RequestSelector.WarnOfMisconfiguration(effective);

            // Chosen before requests arrive; frames begun at start-up in the other mode only lose their own figures.
            Probe.Sampled = effective.Mode == ProfilingModes.Sampled;
            LineCosts.LineCostSettings.Apply(effective, Probe.Sampled);

            lock (_gate)
            {
                _options = effective;
                _configuredEnabled = effective.Enabled;
                if (contentRoot != null) _contentRoot = contentRoot;
                // A second host in this process (several WebApplicationFactory instances in one test run) adds its requests
                // to what the first collected: one process, one report.
                var limits = Limits(effective);
                var rules = Rules(effective);
                if (_store.RequestCount == 0 || !_store.Limits.Equals(limits) || !_store.Rules.Equals(rules)) _store = new ResultsStore(limits, rules);
                _selector = new RequestSelector(effective);
                ApplyOutsideRequests();
                if (_started) StartCollecting();
            }
        }

        /// <summary>
        /// Whether requests are being recorded: true unless turned off while the app runs (from the live page, or by a
        /// configuration reload setting Enabled to false). Off, no request is profiled or counted; on again, they are.
        /// </summary>
        public bool IsProfiling => !_paused;

        /// <summary>Turns recording on or off while the app runs, without a restart; what was collected is kept.</summary>
        public void SetProfiling(bool on)
        {
            if (_paused == !on) return;
            _paused = !on;
            ResultsStore store;
            lock (_gate) store = _store;
            store.MarkChanged(); // the live page polls the version: the state shows at once
            ProfilerLog.Information("LP1003", on ? "LineProf records requests again." : "LineProf stopped recording requests until it is turned on again.");
        }

        /// <summary>
        /// Applies options reloaded while the app runs (a changed appsettings.json): a changed Enabled turns recording
        /// on or off (an unchanged one leaves the live page's choice alone), and the selection (rate, cap, trigger,
        /// Server-Timing, the endpoints' own rates) changes for the requests that begin from now on. The rest (mode, output folder, retention) is
        /// read at start-up only, and an app started with Enabled false stays off until restarted. Environment
        /// variables still win.
        /// </summary>
        public void Reload(LineProfilerOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var reloaded = options.Clone();
            RuntimeSettings.ApplyEnvironment(reloaded);
            RequestSelector.WarnOfMisconfiguration(reloaded);
            lock (_gate)
            {
                var effective = _options.Clone();
                effective.SampleRate = reloaded.SampleRate;
                effective.MaxProfiledPerSecond = reloaded.MaxProfiledPerSecond;
                effective.TriggerSecret = reloaded.TriggerSecret;
                effective.TriggerHeader = reloaded.TriggerHeader;
                effective.TriggerQueryParameter = reloaded.TriggerQueryParameter;
                effective.ServerTiming = (reloaded.ServerTiming ?? "").Trim().ToLowerInvariant();
                effective.Endpoints = reloaded.Endpoints;
                _options = effective;
                _selector = new RequestSelector(effective);
                if (reloaded.Enabled == _configuredEnabled) return;
                _configuredEnabled = reloaded.Enabled;
            }

            SetProfiling(reloaded.Enabled);
        }

        /// <summary>Which profiled responses carry Server-Timing (<see cref="ServerTimingModes"/>); read per request, so not cloned.</summary>
        internal string ServerTimingMode => _options.ServerTiming;

        /// <summary>Decides which requests are profiled (the rate, the trigger, the cap), as the options say.</summary>
        public RequestSelector Selector => _selector;

        /// <summary>
        /// Begins profiling a request on the calling flow: lines that run from here on, on this flow and on every
        /// thread it starts, count for it until <see cref="RequestScope.End"/>. The sample rate and the cap choose
        /// whether it is profiled; a host that reads the trigger and the app's own choice passes
        /// <see cref="RequestSelector.Select(string, string, Func{bool}, out bool)"/>'s decision to the other overload instead.
        /// </summary>
        public RequestScope BeginRequest(string method, string path, string? id = null)
        {
            RequestSelection selection;
            try
            {
                selection = Records(path) ? _selector.Select(null, null, null, out _) : RequestSelection.NotChosen;
            }
            catch (Exception e)
            {
                ProfilerLog.Error("LP2004", "A request could not be profiled: " + e.Message);
                selection = RequestSelection.NotChosen;
            }

            return BeginRequest(method, path, id, selection);
        }

        /// <summary>
        /// Begins a request whose selection the host decided (<see cref="RequestSelector.Select(string, string, Func{bool}, out bool)"/>): a chosen one is
        /// profiled as <see cref="BeginRequest(string, string, string)"/> describes; any other only counts in its
        /// endpoint's count and durations, its lines run the inert probe.
        /// </summary>
        public RequestScope BeginRequest(string method, string path, string? id, RequestSelection selection) =>
            Begin(new RequestStart(method, path, id), selection, reselectable: false);

        /// <summary>
        /// Begins a request as <see cref="BeginRequest(string, string, string, RequestSelection)"/> does, in a scope the
        /// host may decide again, once, when it knows the request's endpoint (<see cref="RequestScope.Reselectable"/>):
        /// for an endpoint with a rate of its own.
        /// </summary>
        internal RequestScope BeginReselectableRequest(string method, string path, string id, RequestSelection selection) =>
            Begin(new RequestStart(method, path, id), selection, reselectable: true);

        private RequestScope Begin(RequestStart begun, RequestSelection selection, bool reselectable)
        {
            try
            {
                var options = _options;
                if (!Probe.Enabled) return RequestScope.NotProfiled.Instance; // probes inert: no flow to mark, no context switch to slow
                if (!Records(options, begun.Path))
                {
                    Unprofiled.Instance.MakeCurrent(); // keeps the request's lines out of the outside-requests figures
                    return RequestScope.NotProfiled.Instance;
                }

                var scope = Open(begun, selection, options.Mode);
                return reselectable ? new RequestScope.Reselectable(this, begun, scope, selection, options.Mode) : scope;
            }
            catch (Exception e)
            {
                ProfilerLog.Error("LP2004", "A request could not be profiled: " + e.Message);
                return RequestScope.NotProfiled.Instance;
            }
        }

        /// <summary>The scope of the request <paramref name="begun"/> under <paramref name="selection"/>, current on the calling flow from here on.</summary>
        internal RequestScope Open(RequestStart begun, RequestSelection selection, string mode)
        {
            if (selection != RequestSelection.Sampled && selection != RequestSelection.Triggered)
            {
                Unprofiled.Instance.MakeCurrent();
                return new RequestScope.Counted(begun, _store, overCap: selection == RequestSelection.OverCap);
            }

            var id = begun.Id ?? Interlocked.Increment(ref _nextRequestId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var request = new ActiveRequest(id, begun.Method, begun.Path, begunAt: begun.Timestamp);
            request.MakeCurrent();
            ProbeCalibration.OfferRequestContext();
            return new RequestScope.Profiled(request, _store, selection == RequestSelection.Triggered, mode);
        }

        /// <summary>Longest kind and name kept; a longer one is shortened, as request paths are.</summary>
        internal const int MaxNameLength = 1000;

        /// <summary>
        /// Begins a unit of work that is not an HTTP request on the calling flow: a queue message, a scheduled job, a
        /// hub call, a CLI command. <paramref name="kind"/> says what sort of unit it is ("queue", "job"); units with the
        /// same kind and <paramref name="name"/> are summed together, as requests are per endpoint. Lines that run from
        /// here on, on this flow and on every thread it starts, count for it until the returned scope ends or is
        /// disposed; its figures and retention are a request's. Never throws: when profiling is off the scope records nothing.
        /// </summary>
        public WorkScope BeginWork(string kind, string name, string? id = null)
        {
            var previous = LineSink.OwnCurrent;
            try
            {
                var options = _options;
                if (!Probe.Enabled || !options.Enabled) return new WorkScope.NotProfiled(previous);

                kind = Shortened(string.IsNullOrWhiteSpace(kind) ? WorkKinds.Work : kind.Trim());
                name = Shortened(string.IsNullOrWhiteSpace(name) ? "(unnamed)" : name.Trim());
                var unit = new ActiveRequest(id ?? Interlocked.Increment(ref _nextRequestId).ToString(
                    System.Globalization.CultureInfo.InvariantCulture), kind, name, kind);
                unit.MakeCurrent();
                return new WorkScope.Profiled(unit, _store, previous);
            }
            catch (Exception e)
            {
                ProfilerLog.Error("LP2004", "A unit of work could not be profiled: " + e.Message);
                return new WorkScope.NotProfiled(previous);
            }
        }

        /// <summary>
        /// The profiled request (or unit of work) current on the calling flow, for an adapter that adds figures to it:
        /// LineProf.Grpc counts each gRPC call's messages onto it. Null when none is: profiling off, or a request the
        /// selection did not choose, so its endpoint's sums cover its profiled requests, as its lines do.
        /// </summary>
        internal static ActiveRequest? ProfiledRequest => LineSink.OwnCurrent as ActiveRequest;

        private static string Shortened(string text) => text.Length <= MaxNameLength ? text : text.Substring(0, MaxNameLength) + "…";

        /// <summary>Everything collected so far, as the report model.</summary>
        public ProfileReport CreateReport()
        {
            ResultsStore store;
            OutsideRequests? outside;
            string mode;
            double rate;
            lock (_gate)
            {
                store = _store;
                outside = _outside;
                mode = _options.Mode;
                rate = _selector.Rate;
            }

            return ReportBuilder.Build(store.Snapshot(), outside?.Snapshot() ?? Array.Empty<LineSample>(), mode, rate);
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
        public void Shutdown() => StopPublishing(exiting: false);

        private void StopPublishing(bool exiting)
        {
            ReportPublisher? publisher;
            lock (_gate)
            {
                publisher = _publisher;
                _publisher = null;
            }

            if (publisher != null && publisher.Stop(exiting: exiting)) Summarize();
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
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopPublishing(exiting: true);
            TestRunEnd.ListenIfTestHost();
        }

        /// <summary>A VSTest test run ended and its report was written (<see cref="TestRunEnd"/>).</summary>
        internal bool TestRunEnded { get; private set; }

        /// <summary>The test run of this test host ended: write the report while nothing waits to kill the host.</summary>
        internal void ConcludeTestRun()
        {
            Conclude();
            TestRunEnded = true;
        }

        internal long ResultsVersion
        {
            get
            {
                lock (_gate) return _store.Version;
            }
        }

        /// <summary>Hits outside requests so far, without building a report: whether that work moved since a write.</summary>
        internal long OutsideHits
        {
            get
            {
                OutsideRequests? outside;
                lock (_gate) outside = _outside;
                long hits = 0;
                if (outside != null) foreach (var line in outside.Snapshot()) hits += line.Hits;
                return hits;
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
            LineCosts.LineCostSettings.Apply(_options, Probe.Sampled); // here too for a host that never calls Configure
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

        /// <summary>
        /// Whether a request to <paramref name="path"/> begun now is recorded (counted, and profiled when chosen):
        /// recording is on and the path is not excluded. A host asks before it selects, so a request that is not recorded
        /// takes no place under the cap per second. Never throws: when it cannot tell, it says yes, and beginning the
        /// request meets (and logs) the fault.
        /// </summary>
        internal bool Records(string path)
        {
            try
            {
                return Probe.Enabled && Records(_options, path);
            }
            catch (Exception)
            {
                return true;
            }
        }

        private bool Records(LineProfilerOptions options, string path) => options.Enabled && !_paused && !IsExcluded(options, path);

        private static bool IsExcluded(LineProfilerOptions options, string path)
        {
            if (path.StartsWith("/_lineprof", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var prefix in options.ExcludePaths)
            {
                if (!string.IsNullOrEmpty(prefix) && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        /// <summary>A request presented a trigger that was refused; the report counts them.</summary>
        public void CountRefusedTrigger()
        {
            ResultsStore store;
            lock (_gate) store = _store;
            store.CountRefusedTrigger();
        }

        private static EndpointRules Rules(LineProfilerOptions options) =>
            new EndpointRules(options.WarmUpRequests, options.KeepWarmUpInPercentiles);

        private static RetentionLimits Limits(LineProfilerOptions options) =>
            new RetentionLimits(Math.Max(0, options.RecentRequests), Math.Max(0, options.SlowestRequests), options.KeepRequestsWithoutLines);
    }
}
