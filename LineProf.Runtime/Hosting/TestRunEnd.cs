using System;
using System.Diagnostics.Tracing;
using System.Reflection;

namespace LineProf.Hosting
{
    /// <summary>
    /// Writes the report when a VSTest test run ends, inside the test host, before the host tells the runner the run is
    /// complete. The runner ends the host 100 ms after that and kills it if it is still there, which is shorter than a
    /// large report takes to write at the process's exit; here nothing waits to kill it yet. The test host announces
    /// the end through its own event source ("TestPlatform", event ExecutionStop), raised on the thread that ran the
    /// tests, and an in-process listener is called on that thread, so the run completes only once the report is written.
    /// </summary>
    internal sealed class TestRunEnd : EventListener
    {
        private const string TestPlatformSource = "TestPlatform";
        private const string ExecutionStop = "ExecutionStop";

        private static TestRunEnd? s_listener;

        private TestRunEnd()
        {
        }

        /// <summary>Listens when this process is VSTest's test host (testhost.dll runs it), else does nothing.</summary>
        internal static void ListenIfTestHost()
        {
            try
            {
                if (s_listener == null && string.Equals(Assembly.GetEntryAssembly()?.GetName().Name, "testhost", StringComparison.OrdinalIgnoreCase))
                    s_listener = new TestRunEnd();
            }
            catch (Exception e)
            {
                ProfilerLog.Warning("LP3003", "LineProf cannot watch for the end of this test run; its report is written at the process's exit: " + e.Message);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            // Called by the base constructor for the sources that exist already, then for each new one.
            if (eventSource.Name == TestPlatformSource) EnableEvents(eventSource, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != ExecutionStop) return;
            try
            {
                LineProfiler.Shared.ConcludeTestRun();
            }
            catch (Exception)
            {
                // The report writer logs its own faults; a test run must never fail because of the profiler.
            }
        }
    }
}
