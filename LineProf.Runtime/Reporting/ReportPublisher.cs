using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using LineProf.Hosting;

namespace LineProf.Reporting
{
    /// <summary>
    /// Writes lineprof.json and lineprof.html: every interval when results changed, on demand, and a last time at
    /// shutdown. A failure (missing, read-only or full folder) is logged once and retried at the next interval; it
    /// never reaches a request.
    /// </summary>
    internal sealed class ReportPublisher
    {
        internal const string JsonFileName = "lineprof.json";
        internal const string HtmlFileName = "lineprof.html";

        private readonly LineProfiler _profiler;
        private readonly string _directory;
        private readonly Timer _timer;
        private readonly object _writeGate = new object();
        private (long Results, long OutsideHits) _written = (-1, -1);
        private bool _announced;

        internal ReportPublisher(LineProfiler profiler, string directory, TimeSpan interval)
        {
            _profiler = profiler;
            _directory = directory;
            var period = interval <= TimeSpan.Zero || interval > TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : interval;

            // The timer must not capture whichever request happened to start the profiler.
            using (ExecutionContext.SuppressFlow())
                _timer = new Timer(_ => WriteIfChanged(), null, period, period);
        }

        /// <summary>Writes both files now. False if they could not be written (the reason is logged).</summary>
        internal bool Write()
        {
            lock (_writeGate) return WriteCore(force: true);
        }

        /// <summary>Stops the timer; writes a last time unless told not to. False if that last write failed.</summary>
        internal bool Stop(bool writeLast = true)
        {
            _timer.Dispose();
            return !writeLast || Write();
        }

        private void WriteIfChanged()
        {
            if (!Monitor.TryEnter(_writeGate)) return; // a write is under way; the next tick catches up
            try
            {
                WriteCore(force: false);
            }
            finally
            {
                Monitor.Exit(_writeGate);
            }
        }

        private bool WriteCore(bool force)
        {
            try
            {
                long results = _profiler.ResultsVersion;
                var report = _profiler.CreateReport();
                long outsideHits = report.OutsideRequests.Lines.Sum(l => l.Hits);
                if (!force && _written == (results, outsideHits)) return true;

                Directory.CreateDirectory(_directory);
                var json = Encoding.UTF8.GetBytes(ReportJson.Serialize(report));
                var html = Encoding.UTF8.GetBytes(ReportHtml.Render(report));
                AtomicFile.Write(Path.Combine(_directory, JsonFileName), json);
                AtomicFile.Write(Path.Combine(_directory, HtmlFileName), html);
                _written = (results, outsideHits);

                ProfilerLog.Cleared("LP3001");
                if (!_announced)
                {
                    _announced = true;
                    ProfilerLog.Information("LP1001", "LineProf report: " + Path.Combine(_directory, HtmlFileName));
                }

                return true;
            }
            catch (Exception e)
            {
                ProfilerLog.Warning("LP3001", $"LineProf cannot write its report to {_directory}: {e.Message} " +
                    "The app is unaffected; LineProf keeps collecting and retries. Set LINEPROF_OUTPUT to a writable folder.");
                return false;
            }
        }
    }
}
