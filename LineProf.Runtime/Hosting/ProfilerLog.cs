using System;
using System.Collections.Generic;

namespace LineProf.Hosting
{
    /// <summary>How serious a LineProf message is.</summary>
    public enum ProfilerLogLevel
    {
        /// <summary>Where the reports are, what was found.</summary>
        Information,

        /// <summary>Profiling is degraded (a report could not be written) but the app is unaffected.</summary>
        Warning,

        /// <summary>Part of profiling does not work at all until the cause is fixed.</summary>
        Error,
    }

    /// <summary>Where LineProf's own messages go. Host adapters route them to their logging (ILogger).</summary>
    public interface IProfilerLogSink
    {
        /// <summary>Writes one message. <paramref name="code"/> is the message's LPxxxx code.</summary>
        void Write(ProfilerLogLevel level, string code, string message);
    }

    /// <summary>
    /// LineProf's messages. A fault that repeats (an unwritable folder at every write) is reported once until it
    /// clears, so the app's log is not flooded. Never throws.
    /// </summary>
    internal static class ProfilerLog
    {
        private static readonly object s_gate = new object();
        private static readonly HashSet<string> s_active = new HashSet<string>(StringComparer.Ordinal);
        private static readonly HashSet<string> s_claimed = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Where the report is: said once per process, by the host when it can also name the live page.</summary>
        internal const string ReportAnnouncement = "LP1001";
        private static IProfilerLogSink s_sink = new StandardErrorSink();

        internal static void UseSink(IProfilerLogSink sink)
        {
            lock (s_gate) s_sink = sink;
        }

        internal static void Information(string code, string message) => Write(ProfilerLogLevel.Information, code, message, once: false);

        internal static void Warning(string code, string message) => Write(ProfilerLogLevel.Warning, code, message, once: true);

        internal static void Error(string code, string message) => Write(ProfilerLogLevel.Error, code, message, once: true);

        /// <summary>
        /// True the first time a message is claimed in this process, false after: for a message that more than one
        /// part (the host, the report writer) may say, so it is said once.
        /// </summary>
        internal static bool Claim(string code)
        {
            lock (s_gate) return s_claimed.Add(code);
        }

        /// <summary>The fault behind <paramref name="code"/> has cleared: report it again if it comes back.</summary>
        internal static void Cleared(string code)
        {
            lock (s_gate) s_active.Remove(code);
        }

        private static void Write(ProfilerLogLevel level, string code, string message, bool once)
        {
            IProfilerLogSink sink;
            lock (s_gate)
            {
                if (once && !s_active.Add(code)) return;
                sink = s_sink;
            }

            try
            {
                sink.Write(level, code, message);
            }
            catch (Exception)
            {
                // A broken logger must not break the app or the profiler.
            }
        }

        private sealed class StandardErrorSink : IProfilerLogSink
        {
            public void Write(ProfilerLogLevel level, string code, string message) =>
                Console.Error.WriteLine($"lineprof {level.ToString().ToLowerInvariant()} {code}: {message}");
        }
    }
}
