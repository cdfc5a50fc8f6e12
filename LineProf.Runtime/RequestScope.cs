using LineProf.Collection;
using LineProf.Reporting;

namespace LineProf
{
    /// <summary>
    /// A request as a host adapter sees it: begun by <see cref="LineProfiler.BeginRequest(string, string, string)"/>, ended once with its
    /// status. When profiling is off, or the request is excluded, it is a null object that records nothing.
    /// </summary>
    public abstract class RequestScope
    {
        private protected RequestScope()
        {
        }

        /// <summary>Whether this request's lines are being collected.</summary>
        public abstract bool IsProfiled { get; }

        /// <summary>
        /// Ends the request. <paramref name="endpoint"/> is what its figures are summed under besides the method,
        /// typically the route template ("/orders/{id}"); null when the host matched none.
        /// </summary>
        public abstract void End(int statusCode, string? endpoint = null);

        /// <summary>
        /// Makes this request current again on the calling flow. For hosts whose pipeline does not carry the
        /// ExecutionContext from one stage of a request to the next (IIS's integrated pipeline enters managed code
        /// anew for each stage): they call it at the start of every stage. Does nothing once the request has ended.
        /// </summary>
        public abstract void Restore();

        /// <summary>
        /// Marks the request as a connection that lasts as long as its client stays (a hub's WebSocket): its work is
        /// profiled as units of its own, and its duration would only crowd the slowest requests out.
        /// </summary>
        internal virtual void MarkLongLived()
        {
        }

        /// <summary>
        /// Records the W3C ids of the request's server span (an <c>Activity</c>): 32 and 16 hex digits. Ids of another
        /// shape are ignored, so a report only ever holds W3C ids. Call it before <see cref="End"/>.
        /// </summary>
        public virtual void SetTrace(string traceId, string spanId)
        {
        }

        /// <summary>
        /// After <see cref="End"/>: the line of this request with the most self time, for a host that adds it to the
        /// request's span. Null before the end, when nothing was profiled, or when no line ran. It resolves the
        /// request's lines, so a host asks only when the span is recorded.
        /// </summary>
        public virtual RequestLine? HottestLine() => null;

        /// <summary>The scope that records the request now: itself, or what a <see cref="Reselectable"/> decided.</summary>
        internal virtual RequestScope Effective => this;

        internal sealed class Profiled : RequestScope
        {
            private readonly ActiveRequest _request;
            private readonly ResultsStore _store;
            private readonly bool _triggered;
            private readonly string _mode;
            private RequestProfile? _completed;
            private int _ended;

            internal Profiled(ActiveRequest request, ResultsStore store, bool triggered, string mode)
            {
                _request = request;
                _store = store;
                _triggered = triggered;
                _mode = mode;
            }

            public override bool IsProfiled => true;

            internal ActiveRequest Request => _request;

            internal bool Triggered => _triggered;

            public override void End(int statusCode, string? endpoint = null)
            {
                if (System.Threading.Interlocked.Exchange(ref _ended, 1) != 0) return;
                LineSink.ClearCurrent();
                _completed = _request.Complete(statusCode, endpoint);
                _completed.Triggered = _triggered;
                _store.Add(_completed);
            }

            /// <summary>
            /// Drops the request: a later decision left it unprofiled. What it counted so far goes nowhere, and it stops
            /// counting as in flight and as collecting.
            /// </summary>
            internal void Abandon()
            {
                if (System.Threading.Interlocked.Exchange(ref _ended, 1) != 0) return;
                _request.Complete(0, null);
            }

            public override void SetTrace(string traceId, string spanId)
            {
                if (!IsLowerHex(traceId, 32) || !IsLowerHex(spanId, 16)) return;
                _request.TraceId = traceId;
                _request.SpanId = spanId;
            }

            public override RequestLine? HottestLine()
            {
                var completed = _completed;
                return completed == null ? null : ReportBuilder.HottestLine(completed.Lines, _mode);
            }

            /// <summary>W3C ids are lowercase hex; all zeros is the invalid id.</summary>
            private static bool IsLowerHex(string? text, int length)
            {
                if (text == null || text.Length != length) return false;
                bool nonZero = false;
                foreach (char c in text)
                {
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
                    nonZero |= c != '0';
                }

                return nonZero;
            }

            public override void Restore()
            {
                if (System.Threading.Volatile.Read(ref _ended) == 0) _request.MakeCurrent();
            }

            internal override void MarkLongLived() => _request.LongLived = true;
        }

        /// <summary>
        /// A request the selection did not choose: its lines run the inert probe, but it counts in its endpoint's
        /// count and durations, so those stay exact whatever the rate. Costs two clock reads and this object.
        /// </summary>
        internal sealed class Counted : RequestScope
        {
            private readonly long _startTimestamp;
            private readonly string _method;
            private readonly ResultsStore _store;
            private readonly bool _overCap;
            private int _ended;

            internal Counted(RequestStart begun, ResultsStore store, bool overCap)
            {
                _startTimestamp = begun.Timestamp;
                _method = begun.Method;
                _store = store;
                _overCap = overCap;
            }

            public override bool IsProfiled => false;

            public override void End(int statusCode, string? endpoint = null)
            {
                if (System.Threading.Interlocked.Exchange(ref _ended, 1) != 0) return;
                LineSink.ClearCurrent();
                _store.AddUnprofiled(_method, endpoint, ProbeClock.Now() - _startTimestamp, _overCap);
            }

            public override void Restore() => Unprofiled.Instance.MakeCurrent();
        }

        /// <summary>
        /// A request decided as it began, which the host decides again, once, when it knows the request's endpoint and
        /// that endpoint has a rate of its own. Until then (and after, when the decision stands) it is the scope the
        /// first decision made; a changed decision drops a profile begun (what ran before routing goes nowhere) or
        /// begins one (from the decision on, its duration from the request's start), so an unchosen request runs only
        /// the inert probe in its endpoint's code. Counts stay exact either way.
        /// </summary>
        internal sealed class Reselectable : RequestScope
        {
            private readonly LineProfiler _profiler;
            private readonly RequestStart _begun;
            private readonly string _mode;
            private RequestScope _current;
            private int _reselected;
            private string? _traceId;
            private string? _spanId;
            private bool _longLived;

            internal Reselectable(LineProfiler profiler, RequestStart begun, RequestScope first, RequestSelection selection, string mode)
            {
                _profiler = profiler;
                _begun = begun;
                _current = first;
                _mode = mode;
                Selection = selection;
            }

            /// <summary>The decision in effect.</summary>
            internal RequestSelection Selection { get; private set; }

            public override bool IsProfiled => _current.IsProfiled;

            internal override RequestScope Effective => _current;

            /// <summary>
            /// Applies the decision made once the endpoint is known; only the first call counts, and only before the
            /// request ends. Call it on the request's flow, ahead of the endpoint's code: the scope it begins becomes
            /// that flow's.
            /// </summary>
            internal void Reselect(RequestSelection selection)
            {
                if (System.Threading.Interlocked.Exchange(ref _reselected, 1) != 0) return;
                bool profiled = selection == RequestSelection.Sampled || selection == RequestSelection.Triggered;
                var current = _current;
                if (profiled == current.IsProfiled && (profiled || (selection == RequestSelection.OverCap) == (Selection == RequestSelection.OverCap))) return;
                if (current is Profiled dropped) dropped.Abandon();
                var next = _profiler.Open(_begun, selection, _mode);
                if (_traceId != null && _spanId != null) next.SetTrace(_traceId, _spanId);
                if (_longLived) next.MarkLongLived();
                _current = next;
                Selection = selection;
            }

            public override void End(int statusCode, string? endpoint = null)
            {
                System.Threading.Interlocked.Exchange(ref _reselected, 1); // no decision after the end
                _current.End(statusCode, endpoint);
            }

            public override void Restore() => _current.Restore();

            public override void SetTrace(string traceId, string spanId)
            {
                _traceId = traceId;
                _spanId = spanId;
                _current.SetTrace(traceId, spanId);
            }

            public override RequestLine? HottestLine() => _current.HottestLine();

            internal override void MarkLongLived()
            {
                _longLived = true;
                _current.MarkLongLived();
            }
        }

        internal sealed class NotProfiled : RequestScope
        {
            internal static readonly NotProfiled Instance = new NotProfiled();

            public override bool IsProfiled => false;

            public override void End(int statusCode, string? endpoint = null) => LineSink.ClearCurrent();

            public override void Restore() => Unprofiled.Instance.MakeCurrent();
        }
    }

    /// <summary>A request as it began: what its scope needs whenever its selection is made.</summary>
    internal readonly struct RequestStart
    {
        internal RequestStart(string method, string path, string? id)
        {
            Method = method;
            Path = path;
            Id = id;
            Timestamp = ProbeClock.Now();
        }

        internal string Method { get; }
        internal string Path { get; }

        /// <summary>The host's id for it; null: the profiler numbers it, if it is profiled.</summary>
        internal string? Id { get; }

        /// <summary>When it began, on the probe's clock.</summary>
        internal long Timestamp { get; }
    }
}
