using System;
using System.Runtime.CompilerServices;
using LineProf.Collection;

namespace LineProf.Reporting
{
    /// <summary>
    /// Measures what the probe itself adds to every line it times: the bookkeeping after one clock read and the call
    /// before the next. Reports take it off each hit, so a line that does nothing reports close to zero.
    /// </summary>
    internal static class ProbeCalibration
    {
        private const int Rounds = 15;
        private const int PairsPerRound = 2000;

        private static readonly Lazy<long> s_perHitTicks = new Lazy<long>(Measure);

        /// <summary>The median cost of a hit, in Stopwatch ticks; 0 when probes are disabled.</summary>
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
    }
}
