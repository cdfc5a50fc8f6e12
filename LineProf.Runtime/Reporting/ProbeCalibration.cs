using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LineProf.Collection;

namespace LineProf.Reporting
{
    /// <summary>
    /// Measures what the probe itself adds to every line it times: the bookkeeping after one clock read and the call
    /// before the next. Reports take it off each hit, so a line that does nothing reports close to zero. And what a
    /// call of a woven method adds to the calling line (the callee's Enter, the start of its first Hit and the end of
    /// its Exit, none of which falls in the callee's own lines): the probe takes it off the caller's self time as
    /// each call returns (<see cref="Probe.CallCostTicks"/>).
    /// </summary>
    internal static class ProbeCalibration
    {
        private const int Rounds = 15;
        private const int PairsPerRound = 2000;

        // Probe ids for measuring a call: a caller with two lines and a callee with one. Their counts go to a sink of
        // the calibration's own, which is thrown away.
        private const int CallerMethod = 1, CallingLine = 2, PlainLine = 3, CalleeMethod = 4, CountingLine = 5, CountedMethod = 6, ProbeEnd = 7;

        /// <summary>
        /// Milliseconds to wait, after start-up, for a profiled request before each measurement of a call: the first
        /// measurement is taken at once, the next as soon as a request begins, two more later on fresh requests.
        /// </summary>
        private static readonly int[] s_callMeasurementWaits = { 0, 30000, 8000, 30000 };

        /// <summary>
        /// A profiled request's ExecutionContext, offered by <see cref="LineProfiler.BeginRequest(string, string, string)"/> for the next
        /// measurement: the probe looks its request up in the flow's async-locals, and how many the app's requests
        /// carry (the host's, logging scopes, tracing) is part of what a call costs there.
        /// </summary>
        private static ExecutionContext? s_requestContext;
        private static volatile bool s_wantsContext;
        private static readonly ManualResetEventSlim s_contextOffered = new ManualResetEventSlim();
        private static readonly TaskCompletionSource<bool> s_callsCalibrated = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// Completes when the start-up measurements of a call are over (every one taken, or given up), so a test can
        /// wait for the figures it compares to be corrected as they will stay, instead of for a guessed time.
        /// </summary>
        internal static Task CallsCalibrated => s_callsCalibrated.Task;

        private static readonly Lazy<long> s_perHitTicks = new Lazy<long>(Measure);

        /// <summary>The median cost of a hit, in <see cref="ProbeClock"/> ticks; 0 when probes are disabled.</summary>
        internal static long PerHitTicks => s_perHitTicks.Value;

        // AggressiveOptimization (512, not in netstandard2.0): compiled fully optimized at once, as woven code is once
        // tiered up, rather than measured at tier 0. Runtimes that do not know the flag ignore it.
        [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
        private static long Measure()
        {
            if (!Probe.Enabled) return 0;
            var counters = ThreadCounters.Detached(capacity: 3);
            var samples = new long[Rounds];
            for (int round = 0; round < Rounds; round++)
            {
                var frame = new LineFrame { Counters = counters, Method = 1 };
                counters.Lines[1] = default;
                counters.Lines[2] = default;
                for (int i = 0; i < PairsPerRound; i++)
                {
                    Probe.Hit(ref frame, 1);
                    Probe.Hit(ref frame, 2);
                }

                // Every hit but the last closed a line, so the lines' time is exactly the charged intervals.
                samples[round] = (counters.Lines[1].Ticks + counters.Lines[2].Ticks) / (2 * PairsPerRound - 1);
            }

            Array.Sort(samples);
            return samples[Rounds / 2];
        }

        /// <summary>
        /// Measures the cost of a call, on a thread of its own, a few times while the app starts up, in the context of
        /// a profiled request when one comes. A measurement disturbed by a busy machine reads high, so the least is kept.
        /// </summary>
        internal static void StartMeasuringCalls()
        {
            if (!Probe.Enabled)
            {
                s_callsCalibrated.TrySetResult(false);
                return;
            }

            using (ExecutionContext.SuppressFlow()) // the calibration belongs to no request
            {
                new Thread(MeasureCallsWhileStarting) { IsBackground = true, Name = "LineProf calibration" }.Start();
            }
        }

        /// <summary>Called as a profiled request begins; keeps its context only while a measurement wants one.</summary>
        internal static void OfferRequestContext()
        {
            if (!s_wantsContext) return;                             // one volatile read once calibrated
            s_wantsContext = false;
            Volatile.Write(ref s_requestContext, ExecutionContext.Capture());
            s_contextOffered.Set();
        }

        private static void MeasureCallsWhileStarting()
        {
            try
            {
                bool inRequest = false; // whether Probe.CallCostTicks was measured in a request's context
                foreach (int wait in s_callMeasurementWaits)
                {
                    s_contextOffered.Reset();
                    s_wantsContext = true;
                    s_contextOffered.Wait(wait);
                    var context = Interlocked.Exchange(ref s_requestContext, null);
                    long cost = 0;
                    long countCost = 0;
                    if (context == null) (cost, countCost) = MeasureCall();
                    else ExecutionContext.Run(context, _ => (cost, countCost) = MeasureCall(), null);
                    if (cost <= 0 || (inRequest && context == null)) continue;

                    // Requests are what the figures are read for: their measurement replaces one taken outside them,
                    // whose lookups are cheaper. Among measurements of one kind the least wins: load only adds time.
                    bool replaces = context != null && !inRequest;
                    if (Probe.CallCostTicks == 0 || replaces || cost < Probe.CallCostTicks) Probe.CallCostTicks = cost;
                    if (Probe.CountCostTicks == 0 || replaces || (countCost > 0 && countCost < Probe.CountCostTicks)) Probe.CountCostTicks = Math.Max(0, countCost);
                    inRequest |= context != null;
                }

                s_wantsContext = false;
            }
            catch (Exception e)
            {
                // Uncalibrated calls only make callers' self time read high; the app must not notice.
                Hosting.ProfilerLog.Warning("LP2007", "LineProf could not measure the cost of a call: " + e.Message);
            }
            finally
            {
                s_callsCalibrated.TrySetResult(true);
            }
        }

        /// <summary>
        /// The medians, over rounds, of how much more self time a line calling a woven-shaped empty method, and a line
        /// calling a counted small member, have than a line calling a plain one, plus what the probe already took off
        /// (it takes off the current estimates).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
        private static (long Call, long Count) MeasureCall()
        {
            if (Probe.Sampled) return (0, 0); // no line reads the clock: nothing to correct
            var sink = new ActiveRequest("lineprof-calibration", "", "");
            sink.MakeCurrent();
            try
            {
                var samples = new long[Rounds];
                var countSamples = new long[Rounds];
                for (int round = 0; round < Rounds; round++)
                {
                    long applied = Probe.CallCostTicks, appliedCount = Probe.CountCostTicks;
                    var caller = default(LineFrame);
                    Probe.Enter(ref caller, CallerMethod, ProbeEnd);
                    var counters = caller.Counters;
                    if (counters == null) return (0, 0);
                    counters.Lines[CallingLine] = default;
                    counters.Lines[PlainLine] = default;
                    counters.Lines[CountingLine] = default;
                    int x = 0;
                    for (int i = 0; i < PairsPerRound; i++)
                    {
                        Probe.Hit(ref caller, CallingLine);
                        x = WovenShaped(x);
                        Probe.Hit(ref caller, PlainLine);
                        x = Plain(x);
                        Probe.Hit(ref caller, CountingLine);
                        x = CountedShaped(x);
                    }

                    Probe.Exit(ref caller);
                    long plain = counters.Lines[PlainLine].SelfTicks;
                    samples[round] = (counters.Lines[CallingLine].SelfTicks - plain) / PairsPerRound + applied;
                    countSamples[round] = (counters.Lines[CountingLine].SelfTicks - plain) / PairsPerRound + appliedCount;
                }

                Array.Sort(samples);
                Array.Sort(countSamples);
                return (samples[Rounds / 2], countSamples[Rounds / 2]);
            }
            finally
            {
                sink.Complete(0, null);
                LineSink.ClearCurrent();
            }
        }

        /// <summary>An empty method as the weaver leaves it: Enter, a try with one line, Exit in the finally.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
        private static int WovenShaped(int x)
        {
            var frame = default(LineFrame);
            Probe.Enter(ref frame, CalleeMethod, ProbeEnd);
            try
            {
                Probe.Hit(ref frame, CalleeMethod);
                return x + 1;
            }
            finally
            {
                Probe.Exit(ref frame);
            }
        }

        /// <summary>A small member as the weaver leaves it: a count and its one line.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
        private static int CountedShaped(int x)
        {
            Probe.Count(CountedMethod, ProbeEnd);
            return x + 1;
        }

        [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
        private static int Plain(int x) => x + 1;
    }
}
