using System;

namespace LineProf.LineCosts
{
    /// <summary>
    /// Which line costs are collected now, from <see cref="LineProfilerOptions"/>: set at start-up, read by the
    /// collectors, the probe and the report.
    /// </summary>
    internal static class LineCostSettings
    {
        /// <summary>Whether this runtime can count allocations per thread (not on .NET Framework).</summary>
#if NET
        internal const bool AllocationsSupported = true;
#else
        internal const bool AllocationsSupported = false;
#endif

        /// <summary>Whether this runtime can listen to DiagnosticListener events (not on .NET Framework, where the package is not referenced).</summary>
        internal const bool ListenersSupported = AllocationsSupported;

        internal static int NPlusOneThreshold { get; private set; } = LineProfilerOptions.DefaultNPlusOneThreshold;

        internal static bool Database { get; private set; }

        internal static bool Http { get; private set; }

        internal static void Apply(LineProfilerOptions options, bool sampled)
        {
            Probe.TrackAllocations = AllocationsSupported && options.TrackAllocations && !sampled;
            Probe.TrackMethodAllocations = AllocationsSupported && options.TrackAllocations && sampled;
            Database = ListenersSupported && options.TrackDatabaseCommands;
            Http = ListenersSupported && options.TrackHttpCalls;
            NPlusOneThreshold = Math.Max(0, options.NPlusOneThreshold); // a negative threshold would flag every single command
#if NET
            CostCollector.Configure(Database, Http);
#endif
        }

        /// <summary>What the report says was collected.</summary>
        internal static Reporting.LineCostsReport Report() => new Reporting.LineCostsReport
        {
            Allocations = Probe.TrackAllocations,
            MethodAllocations = Probe.TrackAllocations || Probe.TrackMethodAllocations,
            DatabaseCommands = Database,
            HttpCalls = Http,
            NPlusOneThreshold = NPlusOneThreshold,
        };
    }
}
