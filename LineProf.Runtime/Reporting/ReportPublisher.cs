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

        /// <summary>
        /// A temporary file of ours older than this was left by a process killed mid-write (a write takes well
        /// under a second); a younger one may be another process's write under way into the same folder.
        /// </summary>
        internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

        private readonly LineProfiler _profiler;
        private readonly string _directory;
        private readonly Timer _timer;
        private readonly object _writeGate = new object();
        private (long Results, long OutsideHits) _written = (-1, -1);

        /// <summary>
        /// Whether an earlier process's temporary files may still be in the folder: looked for at the first write and,
        /// while one is too young to be judged abandoned, at every tick after (a restart right after a kill finds it
        /// seconds old), changed results or not, so an idle app still removes it once it is old enough.
        /// </summary>
        private bool _temporariesLeft = true;

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
        internal bool Write() => Write(exiting: false);

        /// <summary>
        /// Stops the timer; writes a last time unless told not to. False if that last write failed. <paramref name="exiting"/>:
        /// the process is exiting and may be killed any moment (VSTest kills its test host 100 ms after the run), so the
        /// last write takes the shortest path.
        /// </summary>
        internal bool Stop(bool writeLast = true, bool exiting = false)
        {
            _timer.Dispose();
            return !writeLast || Write(exiting);
        }

        private bool Write(bool exiting)
        {
            // After a test run's end was written, the exit writes only changed hits: a write the runner kills halfway
            // would only leave a temporary file behind. Elsewhere the exit always writes, for the time Main took to return.
            lock (_writeGate) return WriteCore(force: !(exiting && _profiler.TestRunEnded), exiting);
        }

        private void WriteIfChanged()
        {
            if (!Monitor.TryEnter(_writeGate)) return; // a write is under way; the next tick catches up
            try
            {
                WriteCore(force: false, exiting: false);
            }
            finally
            {
                Monitor.Exit(_writeGate);
            }
        }

        /// <summary>
        /// A folder LineProf creates holds only its output, so it keeps itself out of source control, as build caches
        /// do; a folder that was there already (LINEPROF_OUTPUT naming one) is the user's to manage.
        /// </summary>
        private void CreateFolder()
        {
            if (Directory.Exists(_directory)) return;
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path.Combine(_directory, ".gitignore"), "# Written by LineProf: its reports are output, not source.\n*\n");
        }

        /// <summary>True while a temporary file of an earlier process is left that may still be a write under way.</summary>
        private bool DeleteAbandonedTemporaries()
        {
            bool jsonLeft = AtomicFile.DeleteAbandonedTemporaries(Path.Combine(_directory, JsonFileName), AbandonedAfter);
            bool htmlLeft = AtomicFile.DeleteAbandonedTemporaries(Path.Combine(_directory, HtmlFileName), AbandonedAfter);
            return jsonLeft || htmlLeft;
        }

        private bool WriteCore(bool force, bool exiting)
        {
            try
            {
                if (_temporariesLeft) _temporariesLeft = DeleteAbandonedTemporaries();
                long results = _profiler.ResultsVersion;
                // Compared before a report is built, so a tick of an idle app costs a glance, not a report.
                long outsideHits = _profiler.OutsideHits;
                if (!force && _written == (results, outsideHits)) return true;
                var report = _profiler.CreateReport();

                CreateFolder();
                // The data first: a process killed between the two files still leaves every figure in lineprof.json.
                AtomicFile.Write(Path.Combine(_directory, JsonFileName), Encoding.UTF8.GetBytes(ReportJson.Serialize(report)), durable: !exiting);
                AtomicFile.Write(Path.Combine(_directory, HtmlFileName), Encoding.UTF8.GetBytes(ReportHtml.Render(report)), durable: !exiting);
                _written = (results, outsideHits);

                ProfilerLog.Cleared("LP3001");
                // Unless the host already announced the report (with its live page), once per process.
                if (ProfilerLog.Claim(ProfilerLog.ReportAnnouncement))
                    ProfilerLog.Information(ProfilerLog.ReportAnnouncement, "LineProf report: " + Path.Combine(_directory, HtmlFileName));

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
