using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// The clock every LineProf timestamp is read from: the probe's, the sampler's and a request's. Where the
    /// processor's time-stamp counter can be trusted (see <see cref="ProcessorCounter"/>) it is read directly, about
    /// a third of what <c>Stopwatch.GetTimestamp()</c> costs on a VM; elsewhere, or when LINEPROF_CLOCK=stopwatch,
    /// it is Stopwatch. One clock for the whole process, chosen once, so that every tick LineProf holds is in one
    /// unit. The counter is scaled to nanoseconds as it is read, at the rate measured at start-up: a report sums
    /// ticks in many ways (per request, per endpoint, in total) and converting each sum would round each one apart.
    /// </summary>
    internal static class ProbeClock
    {
        internal const string Variable = "LINEPROF_CLOCK";

        /// <summary>The names LINEPROF_CLOCK takes and lineprof.json reports.</summary>
        internal const string StopwatchName = "stopwatch", CounterName = "tsc", AutoName = "auto";

        /// <summary>
        /// How far the counter's rate, measured over the whole run, may differ from the rate measured at start-up
        /// before LineProf warns: a hundred times what the start-up calibration errs by, and twenty times the most
        /// NTP may slew Stopwatch (0.05%).
        /// </summary>
        private const double DriftBound = 0.01;

        /// <summary>
        /// Whether <see cref="Now"/> reads the processor's counter. A static readonly: once the tier-1 JIT sees it,
        /// the probe's clock read is one indirect call, or Stopwatch's, with no branch left.
        /// </summary>
        private static readonly bool s_readsCounter;

        private static readonly ClockPair s_start;
        private static readonly double s_startFrequency;

        private static int s_driftReported;

        /// <summary>Nanoseconds per counter tick in 32.32 fixed point: one multiplication scales a read.</summary>
        private static readonly ulong s_nanosecondsPerTick;

        static ProbeClock()
        {
            string setting = RequestedByEnvironment();
            if (setting == StopwatchName)
            {
                Unavailable = "LINEPROF_CLOCK=stopwatch";
            }
            else
            {
                Unavailable = ProcessorCounter.Unavailable;
                s_readsCounter = ProcessorCounter.Available && Calibrate(out s_start, out s_startFrequency);
                if (ProcessorCounter.Available && !s_readsCounter) Unavailable = "its rate against Stopwatch could not be measured";
            }

            if (s_readsCounter) s_nanosecondsPerTick = (ulong)Math.Round(1e9 / s_startFrequency * 4294967296.0);
            if (Unavailable != null && setting == CounterName)
                Hosting.ProfilerLog.Warning("LP2008", "LineProf reads Stopwatch, not the time-stamp counter LINEPROF_CLOCK asked for: " + Unavailable + ".");
#if NET
            else if (Unavailable != null && setting != StopwatchName)
                Hosting.ProfilerLog.Information("LP2008", "LineProf reads Stopwatch, not the processor's time-stamp counter: " + Unavailable + ".");
#endif
            // The netstandard2.0 build (.NET Framework apps) reads Stopwatch by design: nothing to say unless asked.
        }

        /// <summary>What lineprof.json reports as <c>clock</c>: <c>tsc</c> or <c>stopwatch</c>.</summary>
        internal static string Name => s_readsCounter ? CounterName : StopwatchName;

        /// <summary>Why the counter is not read, when it is not (for the log and the tests).</summary>
        internal static string? Unavailable { get; }

        /// <summary>Ticks of <see cref="Now"/> per second: nanoseconds when the counter is read, else Stopwatch's.</summary>
        internal static long Frequency => s_readsCounter ? 1_000_000_000 : Stopwatch.Frequency;

        /// <summary>The time now, in this clock's ticks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static long Now() => s_readsCounter ? Scaled(ProcessorCounter.Read()) : Stopwatch.GetTimestamp();

        /// <summary>A counter reading in nanoseconds: one 64x64-bit multiplication (a few cycles beside the read).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static long Scaled(long counter)
        {
#if NET
            ulong high = Math.BigMul((ulong)counter, s_nanosecondsPerTick, out ulong low);
            return (long)((high << 32) | (low >> 32));
#else
            return counter; // the netstandard2.0 build never reads the counter (ProcessorCounter.Available is false)
#endif
        }

        /// <summary>Converts a duration in this clock's ticks to nanoseconds.</summary>
        internal static long Nanoseconds(long ticks)
        {
            long frequency = Frequency;
            return frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / frequency));
        }

        /// <summary>
        /// Measures the counter's rate again over the whole run so far, at every report. A rate that moved by more
        /// than <see cref="DriftBound"/> from the start-up measurement the probe scales by means the counter does not
        /// keep time as Stopwatch does here (a VM migrated to another host, a counter that is not invariant after
        /// all): LineProf says so, once, and how to turn it off. The scale itself stays: changing it
        /// mid-run would make the clock jump.
        /// </summary>
        internal static void Recalibrate()
        {
            if (!s_readsCounter) return;
            var now = ClockPair.Read();
            long elapsed = now.Stopwatch - s_start.Stopwatch;
            if (elapsed < Stopwatch.Frequency / 10) return; // too short to say more than the start-up measurement
            double frequency = (now.Counter - s_start.Counter) * (double)Stopwatch.Frequency / elapsed;
            double drift = Math.Abs(frequency / s_startFrequency - 1);
            if (drift > DriftBound && Interlocked.Exchange(ref s_driftReported, 1) == 0)
            {
                Hosting.ProfilerLog.Warning("LP2009", FormattableString.Invariant(
                    $"The processor's time-stamp counter LineProf reads ran at {frequency / 1e6:F1} MHz over the run but {s_startFrequency / 1e6:F1} MHz at start-up, which LineProf converts by: times are off by {drift:P1}. Set LINEPROF_CLOCK=stopwatch to read Stopwatch instead."));
            }
        }

        /// <summary>LINEPROF_CLOCK: <c>auto</c> (the default: the counter where it is safe), <c>tsc</c> or <c>stopwatch</c>.</summary>
        private static string RequestedByEnvironment()
        {
            string? value;
            try
            {
                value = Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant();
            }
            catch (System.Security.SecurityException)
            {
                return AutoName;
            }

            switch (value)
            {
                case null:
                case "":
                case AutoName:
                    return AutoName;
                case StopwatchName:
                case CounterName:
                    return value;
                default:
                    Hosting.ProfilerLog.Warning("LP2008", "LINEPROF_CLOCK='" + value + "' is not a clock LineProf knows (auto, tsc, stopwatch): it chooses as for auto.");
                    return AutoName;
            }
        }

        /// <summary>
        /// The counter's rate in ticks per Stopwatch second, over about 2 ms of spinning: short enough not to delay
        /// start-up, and within about 0.01% (each end is bracketed by two counter reads less than a microsecond
        /// apart, out of 2 ms). Checked over the run by <see cref="Recalibrate"/>.
        /// </summary>
        private static bool Calibrate(out ClockPair start, out double frequency)
        {
            start = ClockPair.Read();
            long until = start.Stopwatch + Stopwatch.Frequency / 500;
            while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
            var end = ClockPair.Read();
            frequency = (end.Counter - start.Counter) * (double)Stopwatch.Frequency / (end.Stopwatch - start.Stopwatch);
            return frequency > 1e6 && frequency < 1e11; // a counter that stood still or ran wild is no clock
        }

        /// <summary>A Stopwatch reading and the counter's reading at the same moment.</summary>
        private readonly struct ClockPair
        {
            internal readonly long Counter;
            internal readonly long Stopwatch;

            private ClockPair(long counter, long stopwatch)
            {
                Counter = counter;
                Stopwatch = stopwatch;
            }

            /// <summary>
            /// Reads Stopwatch between two counter reads and takes the counter's midpoint, keeping the tightest of a
            /// few tries: a thread preempted between the reads shows as a wide bracket and is ignored.
            /// </summary>
            internal static ClockPair Read()
            {
                var best = default(ClockPair);
                long narrowest = long.MaxValue;
                for (int i = 0; i < 7; i++)
                {
                    long before = ProcessorCounter.Read();
                    long stopwatch = System.Diagnostics.Stopwatch.GetTimestamp();
                    long after = ProcessorCounter.Read();
                    if (after - before >= narrowest) continue;
                    narrowest = after - before;
                    best = new ClockPair(before + (after - before) / 2, stopwatch);
                }

                return best;
            }
        }
    }
}
