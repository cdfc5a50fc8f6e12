using System;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// Sampled mode's clock: a background thread that wakes about every millisecond and charges the time since its
    /// last wake-up to the lines every profiled thread is on (running, blocked or sleeping: wall-clock time, like exact
    /// mode). Its cost is one short pass over the threads per wake-up. When no request is in flight and no thread has
    /// moved (entered, left or changed line in profiled code) for <see cref="IdlePassesBeforeParking"/> passes, it
    /// parks: it wakes when a profiled request begins, and otherwise once every <see cref="ParkedCheck"/>, when it
    /// charges the time parked to the lines the threads are on (where they stayed: an app's Main blocked in Run) and
    /// resumes if any moved. So an idle app costs one pass a second.
    /// </summary>
    internal static class LineSampler
    {
        /// <summary>The wake-up the sampler asks for; the actual interval is measured, and charged as measured.</summary>
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

        private static readonly object s_gate = new object();
        private static Thread? s_thread;
        private static long s_samples;
        private static long s_sampledTicks;

        /// <summary>About 100 ms of passes finding nothing running: longer than a pause between a request's awaits.</summary>
        internal const int IdlePassesBeforeParking = 100;

        /// <summary>
        /// How often a parked sampler looks for work outside requests (a timer, a background service), which does not
        /// wake it: work that begins and ends between two looks has its hits counted but no sampled time.
        /// </summary>
        internal static readonly TimeSpan ParkedCheck = TimeSpan.FromSeconds(1);

        private static readonly AutoResetEvent s_wake = new AutoResetEvent(false);
        private static int s_parked;
        private static long s_wakeUps;
        private static long s_parkings;

        /// <summary>Every time the sampler thread has woken, to sample or to check: what idle costs, observably.</summary>
        internal static long WakeUps => Interlocked.Read(ref s_wakeUps);

        /// <summary>How many times the sampler has parked for want of profiled work.</summary>
        internal static long Parkings => Interlocked.Read(ref s_parkings);

        /// <summary>Whether the sampler is parked now.</summary>
        internal static bool IsParked => Volatile.Read(ref s_parked) != 0;

        /// <summary>A profiled request begins: a parked sampler resumes sampling. One read when it is not parked.</summary>
        internal static void WakeIfParked()
        {
            if (Volatile.Read(ref s_parked) != 0) s_wake.Set();
        }

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
            long lastSignature = 0;
            int idlePasses = 0;
            while (true)
            {
                bool parked = idlePasses >= IdlePassesBeforeParking;
                if (parked)
                {
                    // Fenced both sides: a request that begins either sees the sampler parked and wakes it, or is seen here.
                    Interlocked.Exchange(ref s_parked, 1);
                    Interlocked.Increment(ref s_parkings);
                    if (ActiveRequest.InFlight == 0) s_wake.WaitOne(ParkedCheck);
                    Volatile.Write(ref s_parked, 0);
                }
                else
                {
                    Thread.Sleep(Interval);
                }

                Interlocked.Increment(ref s_wakeUps);
                long now = ProbeClock.Now();
                long elapsed = now - last;
                last = now;
                try
                {
                    long signature = 17;
                    foreach (var counters in ThreadCounters.All())
                    {
                        lock (counters.Gate)
                        {
                            if (counters.Owner == null || !counters.Owner.Collects) continue;
                            counters.Sample(now, elapsed);
                            signature = signature * 31 + counters.StackSignature;
                        }
                    }

                    // A request in flight keeps the sampler awake even while it awaits with no frame on a thread.
                    bool moved = signature != lastSignature || ActiveRequest.InFlight > 0;
                    lastSignature = signature;
                    idlePasses = moved ? 0 : idlePasses + 1;

                    // The resolution of sampled figures is that of the passes made while something moved.
                    if (!parked)
                    {
                        Interlocked.Increment(ref s_samples);
                        Interlocked.Add(ref s_sampledTicks, elapsed);
                    }
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
