using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using LineProf.Hosting;

namespace LineProf
{
    /// <summary>How a request's profiling was decided as it began.</summary>
    public enum RequestSelection
    {
        /// <summary>Chosen by the sample rate.</summary>
        Sampled,

        /// <summary>It carried the trigger secret: profiled whatever the rate and the cap.</summary>
        Triggered,

        /// <summary>Not chosen (the rate, or the app's own ShouldProfile): counted in its endpoint, its lines not collected.</summary>
        NotChosen,

        /// <summary>Chosen by the rate, but over the cap of profiled requests per second: counted, not profiled.</summary>
        OverCap,
    }

    /// <summary>A place a request took under the cap per second: the second it counts in. The default holds none.</summary>
    internal readonly struct CapSlot
    {
        internal CapSlot(long second)
        {
            Second = second;
            IsHeld = true;
        }

        /// <summary>No place: the request was not let through the cap (or there is no cap).</summary>
        internal static CapSlot None => default;

        /// <summary>The second of the selector's window the place counts in.</summary>
        internal long Second { get; }

        internal bool IsHeld { get; }
    }

    /// <summary>
    /// Decides as a request begins whether it is profiled: a valid trigger always is; otherwise the app's own choice,
    /// the sample rate and the cap per second apply, in that order. A request whose endpoint has a rate of its own is
    /// decided again once the host knows the endpoint (<see cref="SelectForEndpoint"/>). Knows no web host: a host
    /// adapter passes what the request carried. Thread-safe; one per configuration.
    /// </summary>
    public sealed class RequestSelector
    {
        /// <summary>The header a trigger secret is sent in unless configured otherwise.</summary>
        public const string DefaultTriggerHeader = "X-LineProf-Trigger";

        [ThreadStatic] private static Random? t_random;

        private readonly double _rate;
        private readonly int _maxPerSecond;
        private readonly string? _secret;
        private readonly Dictionary<string, double> _endpointRates = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        private readonly object _capGate = new object();
        private readonly Func<long> _secondNow;
        private long _capSecond = long.MinValue;
        private int _inCapSecond;

        /// <summary>A selector for <paramref name="options"/> (its rate clamped to [0, 1]).</summary>
        public RequestSelector(LineProfilerOptions options) : this(options, () => Stopwatch.GetTimestamp() / Stopwatch.Frequency)
        {
        }

        /// <summary>A selector whose cap counts per second of <paramref name="secondNow"/> (a monotonic clock, in whole seconds).</summary>
        internal RequestSelector(LineProfilerOptions options, Func<long> secondNow)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _secondNow = secondNow;
            _rate = Clamped(options.SampleRate);
            if (options.Endpoints != null)
            {
                foreach (var endpoint in options.Endpoints)
                {
                    if (!string.IsNullOrWhiteSpace(endpoint.Key) && endpoint.Value != null) _endpointRates[WithoutConstraints(endpoint.Key.Trim())] = Clamped(endpoint.Value.SampleRate);
                }
            }

            _maxPerSecond = Math.Max(0, options.MaxProfiledPerSecond);
            _secret = string.IsNullOrEmpty(options.TriggerSecret) ? null : options.TriggerSecret;
            TriggerHeader = string.IsNullOrWhiteSpace(options.TriggerHeader) ? null : options.TriggerHeader!.Trim();
            TriggerQueryParameter = string.IsNullOrWhiteSpace(options.TriggerQueryParameter) ? null : options.TriggerQueryParameter!.Trim();
        }

        /// <summary>The share of requests the rate chooses, in [0, 1].</summary>
        public double Rate => _rate;

        /// <summary>Whether some endpoint has a rate of its own, so a host must tell the selector the endpoint once it knows it.</summary>
        public bool HasEndpointRates => _endpointRates.Count > 0;

        /// <summary>
        /// The rate of the endpoint the report names <paramref name="endpoint"/> (<c>GET /orders/{id:int}</c>), when it
        /// has its own. Route constraints do not count: configuration keys cannot hold the ':' of <c>{id:int}</c>, so
        /// <c>GET /orders/{id}</c> names it.
        /// </summary>
        public bool TryGetEndpointRate(string endpoint, out double rate)
        {
            if (endpoint != null && _endpointRates.TryGetValue(WithoutConstraints(endpoint), out rate)) return true;
            rate = _rate;
            return false;
        }

        /// <summary>The endpoints with a rate of their own, by the names the options gave them.</summary>
        public IReadOnlyDictionary<string, double> EndpointRates => _endpointRates;

        /// <summary>The header a host reads the trigger from; null when none is configured.</summary>
        public string? TriggerHeader { get; }

        /// <summary>The query parameter a host reads the trigger from; null when none is configured.</summary>
        public string? TriggerQueryParameter { get; }

        /// <summary>Whether a trigger in the query string counts: only when no header is configured (see the options).</summary>
        public bool AcceptsQueryTrigger => TriggerHeader == null && TriggerQueryParameter != null;

        /// <summary>
        /// The decision for a request that carried <paramref name="headerValue"/> in <see cref="TriggerHeader"/> and
        /// <paramref name="queryValue"/> in <see cref="TriggerQueryParameter"/> (null when absent), and that the app's
        /// own choice (<paramref name="appChooses"/>, null without one) allows or not. <paramref name="refusedTrigger"/>
        /// is true when a trigger was presented and refused (a wrong secret, or a secret in the query when a header is
        /// configured); such a request is decided as if it had none.
        /// </summary>
        public RequestSelection Select(string? headerValue, string? queryValue, Func<bool>? appChooses, out bool refusedTrigger) =>
            Select(headerValue, queryValue, appChooses, out refusedTrigger, out _);

        /// <summary>
        /// <see cref="Select(string, string, Func{bool}, out bool)"/>, and the place under the cap a
        /// <see cref="RequestSelection.Sampled"/> request took (<see cref="CapSlot.None"/> for any other, or without a
        /// cap), for a host that may decide the request again (<see cref="SelectForEndpoint"/>).
        /// </summary>
        internal RequestSelection Select(string? headerValue, string? queryValue, Func<bool>? appChooses, out bool refusedTrigger, out CapSlot slot)
        {
            refusedTrigger = false;
            slot = CapSlot.None;
            if (headerValue != null || queryValue != null)
            {
                if (IsTrigger(headerValue, queryValue)) return RequestSelection.Triggered;
                refusedTrigger = true;
            }

            if (appChooses != null && !appChooses()) return RequestSelection.NotChosen;
            if (_rate < 1.0 && NextDouble() >= _rate) return RequestSelection.NotChosen;
            return TryTakeCapSlot(out slot) ? RequestSelection.Sampled : RequestSelection.OverCap;
        }

        /// <summary>
        /// The decision, once the host knows the endpoint, for a request that was not triggered and whose endpoint has
        /// its own <paramref name="rate"/> (<see cref="TryGetEndpointRate"/>): the app's own choice, then that rate, then
        /// the cap. <paramref name="held"/>: the place under the cap the request took as it began (chosen by the default
        /// rate). Chosen again, it keeps that place rather than take a second; not chosen, it gives the place back, so
        /// the cap lets as many requests be profiled as it says (<see cref="GiveBack"/>).
        /// </summary>
        internal RequestSelection SelectForEndpoint(double rate, Func<bool>? appChooses, CapSlot held)
        {
            bool chosen = (appChooses == null || appChooses()) && (rate >= 1.0 || NextDouble() < rate);
            if (!chosen)
            {
                GiveBack(held);
                return RequestSelection.NotChosen;
            }

            return held.IsHeld || TryTakeCapSlot(out _) ? RequestSelection.Sampled : RequestSelection.OverCap;
        }

        /// <summary>
        /// <paramref name="name"/> with each route parameter's constraints left out (<c>{id:int:min(1)}</c> reads
        /// <c>{id}</c>, <c>{id:int?}</c> reads <c>{id?}</c>); unchanged when it has none, as most names.
        /// </summary>
        internal static string WithoutConstraints(string name)
        {
            if (name.IndexOf(':') < 0) return name;
            var text = new System.Text.StringBuilder(name.Length);
            int depth = 0;
            bool skipping = false;
            char previous = '\0';
            foreach (char c in name)
            {
                if (c == '{') depth++;
                if (c == '}' && --depth == 0 && skipping)
                {
                    skipping = false; // the parameter ends: its closing brace stays, after its optional marker
                    if (previous == '?') text.Append('?');
                }

                if (c == ':' && depth == 1) skipping = true;
                if (!skipping) text.Append(c);
                previous = c;
            }

            return text.ToString();
        }

        private static double Clamped(double rate) => double.IsNaN(rate) ? 1.0 : Math.Min(1.0, Math.Max(0.0, rate));

        private bool IsTrigger(string? headerValue, string? queryValue)
        {
            if (_secret == null) return false;
            if (TriggerHeader != null) return headerValue != null && FixedTimeEquals(headerValue, _secret);
            return AcceptsQueryTrigger && queryValue != null && FixedTimeEquals(queryValue, _secret);
        }

        /// <summary>
        /// A fixed window per second: cheap, and a burst costs at most the cap plus the next second's. True, with the
        /// place taken (none without a cap), when the cap lets one more request through this second.
        /// </summary>
        private bool TryTakeCapSlot(out CapSlot slot)
        {
            slot = CapSlot.None;
            if (_maxPerSecond == 0) return true;
            lock (_capGate)
            {
                // The clock is read under the lock, so the window only moves forward: a thread that read it before another
                // moved the window on would move it back, and restart the count of both seconds.
                long second = _secondNow();
                if (second > _capSecond)
                {
                    _capSecond = second;
                    _inCapSecond = 0;
                }

                if (_inCapSecond >= _maxPerSecond) return false;
                _inCapSecond++;
                slot = new CapSlot(_capSecond);
                return true;
            }
        }

        /// <summary>
        /// Gives back a place a request took and no longer uses, while its second lasts. A place of a second that is over
        /// stays taken: the window counts afresh each second, and the current second's requests did not take it.
        /// </summary>
        private void GiveBack(CapSlot slot)
        {
            if (!slot.IsHeld) return;
            lock (_capGate)
            {
                if (slot.Second == _capSecond && _inCapSecond > 0) _inCapSecond--;
            }
        }

        /// <summary>One generator per thread: no lock on the request path, and seeded apart so threads do not agree.</summary>
        private static double NextDouble()
        {
            var random = t_random ??= new Random(Guid.NewGuid().GetHashCode());
            return random.NextDouble();
        }

        /// <summary>Compares without stopping at the first difference, so timing reveals nothing of the secret.</summary>
        private static bool FixedTimeEquals(string presented, string secret)
        {
            int difference = presented.Length ^ secret.Length;
            for (int i = 0; i < secret.Length; i++) difference |= (i < presented.Length ? presented[i] : 0) ^ secret[i];
            return difference == 0;
        }

        /// <summary>Logs what in <paramref name="options"/> makes a trigger unusable, once per configuration.</summary>
        internal static void WarnOfMisconfiguration(LineProfilerOptions options)
        {
            if (options.SampleRate < 0 || options.SampleRate > 1 || double.IsNaN(options.SampleRate))
                ProfilerLog.Warning("LP2015", $"LineProf's sample rate {options.SampleRate} is outside 0 to 1; it is taken as {Clamped(options.SampleRate)}.");
            if (options.Endpoints != null)
            {
                foreach (var endpoint in options.Endpoints)
                {
                    // Configuration splits keys at ':', so "GET /orders/{id:int}" arrives as "GET /orders/{id".
                    if (endpoint.Key != null && endpoint.Key.Split('{').Length != endpoint.Key.Split('}').Length)
                        ProfilerLog.Warning("LP2015", $"LineProf's endpoint '{endpoint.Key}' has unbalanced braces: a route constraint's ':' splits " +
                            "configuration keys; name the endpoint without its constraints (GET /orders/{id} for GET /orders/{id:int}).");
                    double rate = endpoint.Value?.SampleRate ?? 1.0;
                    if (rate < 0 || rate > 1 || double.IsNaN(rate))
                        ProfilerLog.Warning("LP2015", $"LineProf's sample rate {rate} for the endpoint '{endpoint.Key}' is outside 0 to 1; it is taken as {Clamped(rate)}.");
                }
            }

            if (!string.IsNullOrWhiteSpace(options.TriggerHeader) && !string.IsNullOrWhiteSpace(options.TriggerQueryParameter))
                ProfilerLog.Warning("LP2015", $"LineProf refuses a trigger in the query parameter '{options.TriggerQueryParameter}' while the header " +
                    $"'{options.TriggerHeader}' is configured (a secret in a URL ends up in logs); set TriggerHeader empty to use the query parameter.");
            if (!string.IsNullOrEmpty(options.TriggerSecret) && options.TriggerSecret!.Length < 16)
                ProfilerLog.Warning("LP2015", "LineProf's trigger secret is shorter than 16 characters: anyone who guesses it can make the app profile their requests.");
        }
    }
}
