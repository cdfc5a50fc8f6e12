using System;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// Sampled mode's clock: a background thread that wakes about every millisecond and charges the time since its
    /// last wake-up to the lines every profiled thread is on (running, blocked or sleeping: wall-clock time, like exact
    /// mode). Its cost is one short pass over the threads per wake-up, whatever the app does.
    /// </summary>
    internal static class LineSampler
    {
        /// <summary>The wake-up the sampler asks for; the actual interval is measured, and charged as measured.</summary>
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

        private static readonly object s_gate = new object();
        private static Thread? s_thread;
        private static long s_samples;
        private static long s_sampledTicks;

        /// <summary>The mean interval between samples so far, in <see cref="ProbeClock"/> ticks; the resolution of sampled figures.</summary>
        internal static long MeanIntervalTicks
        {
            get
            {
                long samples = Interlocked.Read(ref s_samples);
                return samples == 0 ? (long)(Interval.TotalSeconds * ProbeClock.Frequency) : Interlocked.Read(ref s_sampledTicks) / samples;
            }
        }

        internal static void EnsureStarted()
        {
            lock (s_gate)
            {
                if (s_thread != null) return;
                using (ExecutionContext.SuppressFlow()) // the sampler belongs to no request
                {
                    s_thread = new Thread(Run) { IsBackground = true, Name = "LineProf sampler", Priority = ThreadPriority.AboveNormal };
                    s_thread.Start();
                }
            }
        }

        private static void Run()
        {
            long last = ProbeClock.Now();
            while (true)
            {
                Thread.Sleep(Interval);
                long now = ProbeClock.Now();
                long elapsed = now - last;
                last = now;
                try
                {
                    foreach (var counters in ThreadCounters.All())
                    {
                        lock (counters.Gate)
                        {
                            if (counters.Owner != null && counters.Owner.Collects) counters.Sample(now, elapsed);
                        }
                    }

                    Interlocked.Increment(ref s_samples);
                    Interlocked.Add(ref s_sampledTicks, elapsed);
                }
                catch (Exception e) when (!(e is ThreadAbortException))
                {
                    // A sample lost is a sample lost; the sampler must go on and never take the app down.
                    Hosting.ProfilerLog.Warning("LP2005", "The LineProf sampler skipped a sample: " + e.Message);
                }
            }
        }
    }
}
