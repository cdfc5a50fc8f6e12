using System;
using System.Collections.Generic;

namespace LineProf.Reporting
{
    /// <summary>
    /// Everything a report shows; what lineprof.json holds (schema version 1, see the contract). The HTML report,
    /// the live page and the lineprof tool all work from this one model.
    /// </summary>
    public sealed class ProfileReport
    {
        /// <summary>The schema version this runtime writes.</summary>
        public const int CurrentSchemaVersion = 1;

        /// <summary>Schema version of the data.</summary>
        public int SchemaVersion { get; set; } = CurrentSchemaVersion;

        /// <summary>How the figures were taken: <c>exact</c> or <c>sampled</c> (see <see cref="ProfilingModes"/>).</summary>
        public string Mode { get; set; } = ProfilingModes.Exact;

        /// <summary>
        /// The clock the figures were read from: <c>tsc</c> (the processor's time-stamp counter, read directly) or
        /// <c>stopwatch</c> (<c>Stopwatch.GetTimestamp()</c>). Either is converted to nanoseconds the same way; the
        /// counter costs the probe less. Empty in a report written before LineProf said.
        /// </summary>
        public string Clock { get; set; } = "";

        /// <summary>Sampled mode: the mean interval between samples, the resolution of sampled time. 0 in exact mode.</summary>
        public long SampleIntervalNs { get; set; }

        /// <summary>When the report was made.</summary>
        public DateTime GeneratedUtc { get; set; }

        /// <summary>All requests profiled since start (or reset), including those no longer retained.</summary>
        public long RequestCount { get; set; }

        /// <summary>
        /// How requests were chosen for profiling since start (or reset). Null in a report written before LineProf
        /// chose (every request was profiled then).
        /// </summary>
        public SelectionReport? Selection { get; set; }

        /// <summary>
        /// The probe's own cost per hit, measured at start-up and already taken off each line's time and self time.
        /// </summary>
        public long ProbeOverheadNs { get; set; }

        /// <summary>The retained requests, slowest first, each with its own lines.</summary>
        public List<RequestReport> Requests { get; set; } = new List<RequestReport>();

        /// <summary>Every line that ran in a profiled request, summed over all of them.</summary>
        public List<LineReport> Lines { get; set; } = new List<LineReport>();

        /// <summary>Every method that ran in a profiled request, summed over all of them.</summary>
        public List<MethodReport> Methods { get; set; } = new List<MethodReport>();

        /// <summary>Requests summed per endpoint (method and route template), most total time first.</summary>
        public List<EndpointReport> Endpoints { get; set; } = new List<EndpointReport>();

        /// <summary>What ran outside any request: start-up, background services, timers.</summary>
        public OutsideRequestsReport OutsideRequests { get; set; } = new OutsideRequestsReport();

        /// <summary>
        /// The woven assemblies of the app (their names, in the order they loaded): what tells reports of one app from
        /// those of another, whatever folder each was built in. Empty in a report written before LineProf said.
        /// </summary>
        public List<string> Assemblies { get; set; } = new List<string>();

        /// <summary>Which costs beyond time were collected (allocations, database commands, HTTP calls); null in a report older than them.</summary>
        public LineCostsReport? LineCosts { get; set; }
    }

    /// <summary>Lines that ran outside any request, kept apart from the requests' figures.</summary>
    public sealed class OutsideRequestsReport
    {
        /// <summary>Every line that ran outside a request, summed.</summary>
        public List<LineReport> Lines { get; set; } = new List<LineReport>();

        /// <summary>Every method that ran outside a request, summed.</summary>
        public List<MethodReport> Methods { get; set; } = new List<MethodReport>();
    }

    /// <summary>A method's own figures: its invocations and the time they took.</summary>
    public sealed class MethodReport
    {
        /// <summary>Document path of the method's first line.</summary>
        public string File { get; set; } = "";

        /// <summary>
        /// The source method, as in the lines' <c>method</c>: distinct for every source method of a type (overloads carry
        /// their parameter types), so with <see cref="File"/> it identifies the method.
        /// </summary>
        public string Method { get; set; } = "";

        /// <summary>The method's first line.</summary>
        public int Line { get; set; }

        /// <summary>Invocations (for an iterator: enumerations started).</summary>
        public long Calls { get; set; }

        /// <summary>
        /// Wall-clock time in the method's invocations, counting only invocations not nested in another invocation
        /// of the same method, so recursion is not counted twice. Iterators count only the time spent producing items.
        /// </summary>
        public long TimeNs { get; set; }

        /// <summary>The sum of the self time of the method's lines.</summary>
        public long SelfNs { get; set; }

        /// <summary>
        /// With allocations tracked: bytes allocated by the threads running the method's invocations while they ran
        /// them, deeper calls included, outermost invocations only (as <see cref="TimeNs"/>). Not what it allocated
        /// while suspended at an await: that is on other threads' work.
        /// </summary>
        public long AllocBytes { get; set; }

        /// <summary>
        /// True when the method is a small member that is counted, not timed (one line, no loop, at most 32 bytes of IL):
        /// its calls are exact, and its time is in the line that called it, so its time and self time are 0. False
        /// (absent from the JSON) for every timed method.
        /// </summary>
        public bool Counted { get; set; }
    }

    /// <summary>One retained request.</summary>
    public sealed class RequestReport
    {
        /// <summary>
        /// What sort of unit of work this is: <c>http</c> for an HTTP request (also when a report names none), else the
        /// kind it was begun with (<c>hub</c>, <c>grpc</c>, <c>queue</c>, ...). For a unit other than a request,
        /// <see cref="Method"/> holds the kind and <see cref="Path"/> and <see cref="Endpoint"/> its name.
        /// </summary>
        public string Kind { get; set; } = WorkKinds.Http;

        /// <summary>What groups the unit with others: a request's route template, a job's or message's name; null when a request matched none.</summary>
        public string? Name { get; set; }

        /// <summary>The host's identifier of the request.</summary>
        public string Id { get; set; } = "";

        /// <summary>HTTP method.</summary>
        public string Method { get; set; } = "";

        /// <summary>Request path, without the query string.</summary>
        public string Path { get; set; } = "";

        /// <summary>The route template the host matched, if any.</summary>
        public string? Endpoint { get; set; }

        /// <summary>HTTP status sent (500 when an exception escaped).</summary>
        public int Status { get; set; }

        /// <summary>When the request began.</summary>
        public DateTime StartedUtc { get; set; }

        /// <summary>Wall-clock duration of the request, as its host adapter saw it.</summary>
        public long DurationNs { get; set; }

        /// <summary>Database commands the request issued, from profiled lines or not.</summary>
        public long DbCommands { get; set; }

        /// <summary>Their summed duration.</summary>
        public long DbNs { get; set; }

        /// <summary>Outgoing HTTP calls the request made, from profiled lines or not.</summary>
        public long HttpCalls { get; set; }

        /// <summary>Their summed duration.</summary>
        public long HttpNs { get; set; }

        /// <summary>True for one of its endpoint's warm-up requests (its first ones); null otherwise.</summary>
        public bool? WarmUp { get; set; }

        /// <summary>
        /// The W3C trace id (32 lowercase hex digits) of the request's server span (its <c>Activity</c>), when the host
        /// traced it; null otherwise. Leads from a trace in Jaeger or Tempo to this request's lines.
        /// </summary>
        public string? TraceId { get; set; }

        /// <summary>The W3C span id (16 lowercase hex digits) of the request's server span; null when not traced.</summary>
        public string? SpanId { get; set; }

        /// <summary>
        /// A gRPC call: the request messages it received (1 for a unary or server-streaming call, every message read
        /// from the stream for a client-streaming or bidirectional one). Null for a request that is no gRPC call.
        /// </summary>
        public long? MessagesIn { get; set; }

        /// <summary>A gRPC call: the response messages it sent (1 for a unary call that answered, every message written to the stream otherwise); null for other requests.</summary>
        public long? MessagesOut { get; set; }

        /// <summary>The lines the request ran, with their figures for this request only.</summary>
        public List<RequestLine> Lines { get; set; } = new List<RequestLine>();

        /// <summary>The methods the request ran, with their figures for this request only.</summary>
        public List<MethodReport> Methods { get; set; } = new List<MethodReport>();
    }

    /// <summary>How requests were chosen for profiling: the rate, the trigger, the cap.</summary>
    public sealed class SelectionReport
    {
        /// <summary>The share of requests the rate chooses (1: all).</summary>
        public double Rate { get; set; } = 1.0;

        /// <summary>Requests profiled: those the rate chose plus the triggered ones; the report's request count.</summary>
        public long Profiled { get; set; }

        /// <summary>Requests profiled because they carried the trigger secret (part of <see cref="Profiled"/>).</summary>
        public long Triggered { get; set; }

        /// <summary>Requests not profiled (the rate, the app's own choice, the cap); they count in their endpoints.</summary>
        public long Unprofiled { get; set; }

        /// <summary>Requests the rate chose but the cap per second refused (part of <see cref="Unprofiled"/>).</summary>
        public long OverCap { get; set; }

        /// <summary>Requests that presented a trigger that was refused (a wrong secret, or one in the query when a header is configured).</summary>
        public long RefusedTriggers { get; set; }
    }

    /// <summary>
    /// What a report says of one line, wherever it is summed: over all profiled requests (<see cref="LineReport"/>),
    /// or within one request or endpoint (<see cref="RequestLine"/>). One declaration, so that a figure added to
    /// lines is added to every scope and every writer, reader and merge handles the scopes alike.
    /// </summary>
    public abstract class LineFigures
    {
        // Only the report's own line kinds derive from it: a report holds no other lines.
        private protected LineFigures()
        {
        }

        /// <summary>Document path as the PDB records it.</summary>
        public string File { get; set; } = "";

        /// <summary>1-based line number.</summary>
        public int Line { get; set; }

        /// <summary>The source method the line belongs to.</summary>
        public string Method { get; set; } = "";

        /// <summary>How many times execution reached the start of the line.</summary>
        public long Hits { get; set; }

        /// <summary>Inclusive wall-clock time on the line, summed over every flow that ran it.</summary>
        public long TimeNs { get; set; }

        /// <summary>Time on the line less the time deeper profiled lines took (see the README).</summary>
        public long SelfNs { get; set; }

        /// <summary>
        /// The expected error of <see cref="TimeNs"/> (one standard deviation): the calibration's residual per hit in
        /// exact mode, the sampling error in sampled mode.
        /// </summary>
        public long TimeErrorNs { get; set; }

        /// <summary>Exact mode with allocations tracked: bytes the line's thread allocated while on it, deeper lines included.</summary>
        public long AllocBytes { get; set; }

        /// <summary>Those bytes less what deeper profiled lines allocated.</summary>
        public long SelfAllocBytes { get; set; }

        /// <summary>Database commands the line issued.</summary>
        public long DbCommands { get; set; }

        /// <summary>Their summed duration (part of the line's time).</summary>
        public long DbNs { get; set; }

        /// <summary>Outgoing HTTP calls the line made.</summary>
        public long HttpCalls { get; set; }

        /// <summary>Their summed duration (part of the line's time).</summary>
        public long HttpNs { get; set; }

        /// <summary>True when the line issued one command text more times in one request than the N+1 threshold.</summary>
        public bool NPlusOne { get; set; }

        /// <summary>The line's distinct commands and calls, most frequent first; null when it issued none.</summary>
        public List<LineCommand>? Commands { get; set; }

        /// <summary>
        /// True when the line is run only by small members that are counted, not timed (one line, no loop, at most 32
        /// bytes of IL): its hits are exact, and its time is in the line that called it, so its time and self time are 0.
        /// False (absent from the JSON) for every timed line.
        /// </summary>
        public bool Counted { get; set; }
    }

    /// <summary>A line's figures within one request or endpoint.</summary>
    public sealed class RequestLine : LineFigures
    {
    }

    /// <summary>A line's figures summed over all profiled requests (or over the work outside requests).</summary>
    public sealed class LineReport : LineFigures
    {
        /// <summary>The text of the statement that starts on the line (all its lines when it continues), captured at build time.</summary>
        public string Source { get; set; } = "";
    }

    /// <summary>All profiled requests of one endpoint.</summary>
    public sealed class EndpointReport
    {
        /// <summary>Method and route template, e.g. "GET /orders/{id}".</summary>
        public string Name { get; set; } = "";

        /// <summary>Requests, profiled or not: count and durations come from all of them, lines from the profiled ones.</summary>
        public long Count { get; set; }

        /// <summary>Of <see cref="Count"/>, the requests profiled (whose lines are summed here).</summary>
        public long Profiled { get; set; }

        /// <summary>Of <see cref="Count"/>, the warm-up requests (its first ones), which the percentiles leave out by default.</summary>
        public long WarmUp { get; set; }

        /// <summary>Sum of their durations.</summary>
        public long TotalNs { get; set; }

        /// <summary>Mean duration.</summary>
        public long MeanNs { get; set; }

        /// <summary>Median duration (past the warm-up, unless configured to keep it, or when there is nothing past it yet).</summary>
        public long P50Ns { get; set; }

        /// <summary>95th percentile duration (past the warm-up, as <see cref="P50Ns"/>).</summary>
        public long P95Ns { get; set; }

        /// <summary>Longest duration.</summary>
        public long MaxNs { get; set; }

        /// <summary>Database commands its requests issued, from profiled lines or not.</summary>
        public long DbCommands { get; set; }

        /// <summary>Their summed duration.</summary>
        public long DbNs { get; set; }

        /// <summary>Outgoing HTTP calls its requests made, from profiled lines or not.</summary>
        public long HttpCalls { get; set; }

        /// <summary>Their summed duration.</summary>
        public long HttpNs { get; set; }

        /// <summary>A gRPC method: the messages its profiled calls received, summed; null for an endpoint of no gRPC call.</summary>
        public long? MessagesIn { get; set; }

        /// <summary>A gRPC method: the messages its profiled calls sent, summed; null for an endpoint of no gRPC call.</summary>
        public long? MessagesOut { get; set; }

        /// <summary>The endpoint's lines summed over its requests.</summary>
        public List<RequestLine> Lines { get; set; } = new List<RequestLine>();

        /// <summary>The endpoint's methods summed over its requests.</summary>
        public List<MethodReport> Methods { get; set; } = new List<MethodReport>();
    }
}

namespace LineProf.Reporting
{
    /// <summary>Which costs beyond time a report collected, and the N+1 threshold it flagged by.</summary>
    public sealed class LineCostsReport
    {
        /// <summary>Whether lines carry <c>allocBytes</c> and <c>selfAllocBytes</c> (exact mode on .NET, unless turned off).</summary>
        public bool Allocations { get; set; }

        /// <summary>Whether methods carry <c>allocBytes</c> (both modes on .NET, unless turned off): sampled mode counts them per method only.</summary>
        public bool MethodAllocations { get; set; }

        /// <summary>Whether database commands were charged to lines.</summary>
        public bool DatabaseCommands { get; set; }

        /// <summary>Whether outgoing HTTP calls were charged to lines.</summary>
        public bool HttpCalls { get; set; }

        /// <summary>A line issuing one command text more than this many times in one request is a likely N+1.</summary>
        public int NPlusOneThreshold { get; set; }
    }

    /// <summary>One distinct database command or HTTP call of a line.</summary>
    public sealed class LineCommand
    {
        /// <summary><c>db</c> or <c>http</c>.</summary>
        public string Kind { get; set; } = "";

        /// <summary>Database: the command text (no parameter values; whitespace collapsed; cut at 500 characters).</summary>
        public string? Text { get; set; }

        /// <summary>HTTP: the method.</summary>
        public string? HttpMethod { get; set; }

        /// <summary>HTTP: host and port.</summary>
        public string? Host { get; set; }

        /// <summary>HTTP: the path, numbers and GUIDs as <c>{id}</c>, query names without their values.</summary>
        public string? Path { get; set; }

        /// <summary>How many times the line issued it.</summary>
        public long Count { get; set; }

        /// <summary>Their summed duration.</summary>
        public long TimeNs { get; set; }

        /// <summary>The most times in any one request.</summary>
        public long MaxPerRequest { get; set; }

        /// <summary>True when <see cref="MaxPerRequest"/> is above the N+1 threshold (database commands only).</summary>
        public bool NPlusOne { get; set; }
    }
}
