using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Google.Protobuf;
using LineProf.Pprof.Proto;
using ValueType = LineProf.Pprof.Proto.ValueType;
using LineProf.Reporting;

namespace LineProf.Pprof
{
    /// <summary>
    /// A LineProf report as a pprof profile (profile.proto, gzipped as pprof expects): one sample per line and
    /// endpoint, valued in hits, time and self time, labelled with its endpoint, request kind and the report's mode.
    /// Each line is one location whose function is the line's method, so <c>go tool pprof -lines</c> ranks lines and
    /// <c>-list</c> shows them in their source. LineProf times lines, not call stacks: each sample's stack is the line
    /// alone, so flame graphs are one level deep.
    /// A small member counted, not timed, keeps its exact hits and has no time samples (0 time and self): its time is
    /// in the samples of the line that called it, as a sampling profiler charges an inlined call to its caller, so the
    /// sums over lines stay right and pprof's time views leave it out rather than list it as free. A comment in the
    /// profile, which pprof prints above its views, says so.
    /// </summary>
    public static class PprofProfile
    {
        /// <summary>The sample types, in the order of each sample's values.</summary>
        public static readonly IReadOnlyList<(string Type, string Unit)> SampleTypes = new[]
        {
            ("hits", "count"),
            ("time", "nanoseconds"),
            ("self", "nanoseconds"),
        };

        /// <summary>The label naming a sample's endpoint ("GET /orders/{id}").</summary>
        public const string EndpointLabel = "endpoint";

        /// <summary>The label naming the kind of request a sample ran in ("http" unless the report says otherwise).</summary>
        public const string KindLabel = "kind";

        /// <summary>The label naming the report's mode ("exact" or "sampled").</summary>
        public const string ModeLabel = "mode";

        /// <summary>The kind of a request whose report does not name one.</summary>
        public const string DefaultKind = "http";

        /// <summary>
        /// Writes the lines of <paramref name="report"/>'s profiled requests, per endpoint, as a gzipped profile.proto.
        /// <paramref name="extraLabels"/> are added to every sample (a push's labels, say).
        /// </summary>
        public static void Write(ProfileReport report, Stream output, IReadOnlyDictionary<string, string>? extraLabels = null)
        {
            var profile = new ProfileBuilder(report, extraLabels);
            foreach (var endpoint in report.Endpoints)
            {
                foreach (var line in endpoint.Lines)
                    profile.AddSample(line.File, line.Line, line.Method, line.Hits, line.TimeNs, line.SelfNs, line.Counted, endpoint.Name);
            }

            Write(profile.Build(), output);
        }

        /// <summary>
        /// Writes what ran outside requests (start-up, background services) as a gzipped profile.proto, with no endpoint
        /// label.
        /// </summary>
        public static void WriteOutsideRequests(ProfileReport report, Stream output)
        {
            var profile = new ProfileBuilder(report, null);
            foreach (var line in report.OutsideRequests.Lines)
                profile.AddSample(line.File, line.Line, line.Method, line.Hits, line.TimeNs, line.SelfNs, line.Counted, endpoint: null);
            Write(profile.Build(), output);
        }

        /// <summary>The gzipped profile as bytes, for an HTTP response or a push.</summary>
        public static byte[] ToBytes(ProfileReport report, IReadOnlyDictionary<string, string>? extraLabels = null)
        {
            using var buffer = new MemoryStream();
            Write(report, buffer, extraLabels);
            return buffer.ToArray();
        }

        private static void Write(Profile profile, Stream output)
        {
            // leaveOpen: the caller owns the stream; disposing the gzip stream writes its trailer.
            using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
            profile.WriteTo(gzip);
        }

        /// <summary>Interns strings, functions and locations as profile.proto wants them: by index and id.</summary>
        private sealed class ProfileBuilder
        {
            private readonly Profile _profile = new Profile();
            private readonly Dictionary<string, long> _strings = new Dictionary<string, long>(StringComparer.Ordinal);
            private readonly Dictionary<(string File, string Method), ulong> _functions = new Dictionary<(string, string), ulong>();
            private readonly Dictionary<(ulong Function, int Line), ulong> _locations = new Dictionary<(ulong, int), ulong>();
            private readonly Dictionary<(string File, string Method), int> _methodLines = new Dictionary<(string, string), int>();
            private readonly List<Label> _commonLabels = new List<Label>();

            /// <summary>The lines of small members counted, not timed, that have samples: what the profile's comment counts.</summary>
            private readonly HashSet<(string File, int Line, string Method)> _countedLines = new HashSet<(string, int, string)>();

            /// <summary>The kind of each endpoint whose retained requests say it (a unit's endpoint is "kind name").</summary>
            private readonly Dictionary<string, string> _endpointKinds = new Dictionary<string, string>(StringComparer.Ordinal);
            private const ulong MappingId = 1;

            public ProfileBuilder(ProfileReport report, IReadOnlyDictionary<string, string>? extraLabels)
            {
                Intern(""); // string_table[0] is "" by pprof's rule
                foreach (var (type, unit) in SampleTypes)
                    _profile.SampleType.Add(new ValueType { Type = Intern(type), Unit = Intern(unit) });
                _profile.DefaultSampleType = Intern("self");
                _profile.PeriodType = new ValueType { Type = Intern("time"), Unit = Intern("nanoseconds") };
                _profile.Period = 1;
                _profile.TimeNanos = UnixNanoseconds(report.GeneratedUtc);
                // Names and lines come from the PDB, not from addresses: pprof must not try to symbolize.
                _profile.Mapping.Add(new Mapping
                {
                    Id = MappingId, Filename = Intern("lineprof"), HasFunctions = true, HasFilenames = true, HasLineNumbers = true,
                });

                foreach (var method in report.Methods.Concat(report.OutsideRequests.Methods))
                    _methodLines[(method.File, method.Method)] = method.Line;
                foreach (var request in report.Requests)
                {
                    if (!string.IsNullOrEmpty(request.Kind))
                        _endpointKinds[request.Method + " " + (request.Endpoint ?? "(no endpoint)")] = request.Kind;
                }

                _commonLabels.Add(new Label { Key = Intern(ModeLabel), Str = Intern(report.Mode) });
                if (extraLabels != null)
                {
                    foreach (var pair in extraLabels)
                        _commonLabels.Add(new Label { Key = Intern(pair.Key), Str = Intern(pair.Value) });
                }
            }

            public void AddSample(string file, int line, string method, long hits, long timeNs, long selfNs, bool counted, string? endpoint)
            {
                if (counted) _countedLines.Add((file, line, method));
                var sample = new Sample();
                sample.LocationId.Add(Location(file, line, method));
                sample.Value.Add(hits);
                sample.Value.Add(timeNs);
                sample.Value.Add(selfNs);
                if (endpoint != null)
                {
                    sample.Label.Add(new Label { Key = Intern(EndpointLabel), Str = Intern(endpoint) });
                    // An endpoint with no retained request left to say its kind is taken as HTTP, the common case.
                    string kind = _endpointKinds.TryGetValue(endpoint, out var known) ? known : DefaultKind;
                    sample.Label.Add(new Label { Key = Intern(KindLabel), Str = Intern(kind) });
                }

                sample.Label.Add(_commonLabels);
                _profile.Sample.Add(sample);
            }

            public Profile Build()
            {
                if (_countedLines.Count > 0)
                {
                    // Words first: a comment is printed above the rows, and a leading number would read as one.
                    bool one = _countedLines.Count == 1;
                    _profile.Comment.Add(Intern(
                        $"Counted, not timed: {_countedLines.Count} {(one ? "line of a small member" : "lines of small members")} " +
                        "(one line, no loop: a getter, a forwarding overload) " + (one ? "has" : "have") + " exact hits and no time samples; " +
                        (one ? "its time is in the time and self of the line that called it." : "their time is in the time and self of the lines that called them.") +
                        " Build with -p:LineProfileTimeSmallMembers=true to time small members."));
                }

                return _profile;
            }

            private ulong Location(string file, int line, string method)
            {
                ulong function = Function(file, method);
                if (_locations.TryGetValue((function, line), out ulong id)) return id;
                id = (ulong)_locations.Count + 1; // ids start at 1: 0 means none
                var location = new Location { Id = id, MappingId = MappingId };
                // protoc names the field Line_: a member cannot share its class's name.
                location.Line.Add(new Line { FunctionId = function, Line_ = line });
                _profile.Location.Add(location);
                _locations.Add((function, line), id);
                return id;
            }

            private ulong Function(string file, string method)
            {
                if (_functions.TryGetValue((file, method), out ulong id)) return id;
                id = (ulong)_functions.Count + 1;
                _profile.Function.Add(new Function
                {
                    Id = id, Name = Intern(method), SystemName = Intern(method), Filename = Intern(file),
                    StartLine = _methodLines.TryGetValue((file, method), out int start) ? start : 0,
                });
                _functions.Add((file, method), id);
                return id;
            }

            private long Intern(string text)
            {
                if (_strings.TryGetValue(text, out long index)) return index;
                index = _profile.StringTable.Count;
                _profile.StringTable.Add(text);
                _strings.Add(text, index);
                return index;
            }

            private static long UnixNanoseconds(DateTime utc) =>
                utc == default ? 0 : (utc.ToUniversalTime() - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks * 100;
        }
    }
}
