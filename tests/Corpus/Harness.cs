using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;

namespace LineProf
{
    /// <summary>The weaver matches this attribute by name; the corpus declares its own to keep its harness unwoven.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    internal sealed class NoLineProfileAttribute : Attribute
    {
    }
}

namespace LineProf.Corpus
{
    /// <summary>One call the equivalence tests make: the method is invoked with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class CaseAttribute : Attribute
    {
        public CaseAttribute(params object?[] arguments)
        {
            Arguments = arguments;
        }

        public object?[] Arguments { get; }
    }

    /// <summary>
    /// Side effects a case leaves behind besides its result. The tests compare the original's and the woven copy's.
    /// </summary>
    [NoLineProfile]
    public static class Effects
    {
        private static readonly List<string> s_log = new List<string>();

        public static void Add(object? effect)
        {
            lock (s_log) s_log.Add(effect?.ToString() ?? "null");
        }

        public static string[] Take()
        {
            lock (s_log)
            {
                var taken = s_log.ToArray();
                s_log.Clear();
                return taken;
            }
        }
    }

    /// <summary>
    /// The corpus's own count of its executions: a line that holds nothing but <c>Ran.Here();</c> records each time
    /// it runs. The tests check the woven copy's hits for those lines against what the original recorded.
    /// </summary>
    [NoLineProfile]
    public static class Ran
    {
        private static readonly Dictionary<string, int> s_counts = new Dictionary<string, int>();

        public static void Here([CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        {
            lock (s_counts)
            {
                var key = file + ":" + line;
                s_counts.TryGetValue(key, out int count);
                s_counts[key] = count + 1;
            }
        }

        /// <summary>"file:line" → executions since the last call.</summary>
        public static Dictionary<string, int> Take()
        {
            lock (s_counts)
            {
                var taken = new Dictionary<string, int>(s_counts);
                s_counts.Clear();
                return taken;
            }
        }
    }

    /// <summary>Where an exception was thrown, as its stack trace says: results that carry it prove lines stay put.</summary>
    [NoLineProfile]
    public static class Where
    {
        public static string Thrown(Exception e)
        {
            var frame = new StackTrace(e, fNeedFileInfo: true).GetFrame(0);
            return Path.GetFileName(frame?.GetFileName() ?? "?") + ":" + frame?.GetFileLineNumber();
        }
    }
}
