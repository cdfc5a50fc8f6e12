using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using LineProf.Hosting;

namespace LineProf.LineMaps
{
    /// <summary>
    /// The woven assemblies of this process and their probe ids. Each assembly gets a contiguous range of ids when
    /// its line map type initializes; 0 is never a line. Line maps are read from the assemblies only when a report
    /// needs them.
    /// </summary>
    internal static class LineMapRegistry
    {
        private static readonly object s_gate = new object();
        private static readonly List<RegisteredMap> s_maps = new List<RegisteredMap>();
        private static int s_end = 1;

        /// <summary>One past the highest probe id handed out.</summary>
        internal static int End => Volatile.Read(ref s_end);

        internal static int AssemblyCount
        {
            get { lock (s_gate) return s_maps.Count; }
        }

        /// <summary>
        /// Gives a woven module its probe ids. A module woven for another probe contract gets ids below 1 instead, which
        /// every probe treats as "not profiled": the app runs as it would unwoven, and the log says why at start-up
        /// rather than anything failing in a request.
        /// </summary>
        internal static int Register(Type lineMap, int contractVersion, int probeCount)
        {
            // The clock is chosen and calibrated now, before any probe is compiled: the probes compiled fully optimized
            // at once (Probe.Optimized), with no later tier, then fold the choice away like Probe.Enabled.
            GC.KeepAlive(Collection.ProbeClock.Name);
            probeCount = Math.Max(probeCount, 0);
            if (contractVersion != ProbeContract.Version)
            {
                ReportIncompatible(lineMap, contractVersion);
                return -probeCount;
            }

            int first;
            lock (s_gate)
            {
                first = s_end;
                s_maps.Add(new RegisteredMap(lineMap, first, probeCount));
                Volatile.Write(ref s_end, first + probeCount);
            }

            // Never throw from here: this runs in the woven assembly's type initializer, and an exception would make
            // every woven method of the app fail.
            try
            {
                LineProfiler.Shared.OnAssemblyRegistered();
            }
            catch (Exception e)
            {
                ProfilerLog.Error("LP2000", "LineProf could not start: " + e.Message);
            }

            return first;
        }

        private static void ReportIncompatible(Type lineMap, int contractVersion)
        {
            try
            {
                var woven = lineMap.Assembly.GetName().Name;
                var runtime = typeof(LineMapRegistry).Assembly.GetName().Version;
                ProfilerLog.Error("LP2001", $"{woven} was woven by a LineProf whose probes speak contract {contractVersion}, " +
                    $"but the LineProf.Runtime {runtime} next to it speaks contract {ProbeContract.Version}. {woven} runs " +
                    "unprofiled. Rebuild it so that the weaver and LineProf.Runtime come from the same LineProf version " +
                    "(check for an older or newer LineProf.Runtime.dll copied into the app's folder).");
            }
            catch (Exception)
            {
                // Reporting must not fail the woven assembly's type initializer.
            }
        }

        /// <summary>
        /// The names of the woven assemblies registered so far, in order: what identifies the app in its report, so
        /// reports of different apps are not merged by mistake (file paths differ between checkouts of one app).
        /// </summary>
        internal static List<string> AssemblyNames()
        {
            var names = new List<string>();
            lock (s_gate)
            {
                foreach (var map in s_maps)
                {
                    var name = map.LineMap.Assembly.GetName().Name ?? "";
                    if (name.Length > 0 && !names.Contains(name)) names.Add(name);
                }
            }

            return names;
        }

        /// <summary>What the weaver recorded for a probe id, or null if it is unknown.</summary>
        internal static LineMapEntry? Resolve(int probe)
        {
            RegisteredMap? map = null;
            lock (s_gate)
            {
                foreach (var candidate in s_maps)
                {
                    if (probe >= candidate.First && probe < candidate.First + candidate.Count)
                    {
                        map = candidate;
                        break;
                    }
                }
            }

            return map?.Entry(probe - map.First);
        }

        private sealed class RegisteredMap
        {
            private LineMapEntry[]? _entries;

            public RegisteredMap(Type lineMap, int first, int count)
            {
                LineMap = lineMap;
                First = first;
                Count = count;
            }

            public Type LineMap { get; }
            public int First { get; }
            public int Count { get; }

            public LineMapEntry? Entry(int index)
            {
                var entries = LazyInitializer.EnsureInitialized(ref _entries, Load)!;
                return index >= 0 && index < entries.Length ? entries[index] : null;
            }

            private LineMapEntry[] Load()
            {
                var assembly = LineMap.Assembly;
                try
                {
                    using var stream = assembly.GetManifestResourceStream(ProbeContract.LineMapResource);
                    if (stream == null) throw new InvalidDataException("the line map resource is missing");
                    return LineMapFormat.Read(stream);
                }
                catch (Exception e)
                {
                    ProfilerLog.Error("LP2002", $"The line map of {assembly.GetName().Name} cannot be read ({e.Message}); " +
                        "its lines are reported without file and line.");
                    return Array.Empty<LineMapEntry>();
                }
            }
        }
    }
}
