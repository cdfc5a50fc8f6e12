#if NET
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using LineProf.Collection;

namespace LineProf.LineCosts
{
    /// <summary>
    /// Listens where .NET already publishes database commands and outgoing HTTP calls (<see cref="DiagnosticListener"/>)
    /// and charges each to the line of the profiled request that issued it: the line the issuing thread is on when the
    /// provider raises its start event (<see cref="ThreadCounters.LineOf"/>). Its duration runs from the start event to
    /// the end event, wherever that one is raised. A provider that awaits before raising its start event (HttpClient
    /// setting up its handlers on first use, SqlClient opening a connection) raises it on another thread, where no line
    /// of the request runs: the command is charged to the line the request last suspended at
    /// (<see cref="LineSink.AwaitingLine"/>), the line awaiting it unless the request awaits on several flows at once. Nothing here runs unless a provider raises an event, and a provider
    /// raises none that <see cref="IsEnabled"/> refuses.
    /// </summary>
    /// <remarks>
    /// Covered: EF Core's command events (any EF provider: SQLite, SQL Server, PostgreSQL...), SqlClient's own command
    /// events (Dapper or plain ADO.NET on SQL Server), HttpClient's request and response events. A command that both
    /// EF Core and SqlClient announce is counted once: they name the same DbCommand.
    /// </remarks>
    internal sealed class CostCollector : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        internal const string EfCore = "Microsoft.EntityFrameworkCore";
        internal const string SqlClient = "SqlClientDiagnosticListener";
        internal const string HttpClient = "HttpHandlerDiagnosticListener";

        private const string EfExecuting = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
        private const string EfExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
        private const string EfError = "Microsoft.EntityFrameworkCore.Database.Command.CommandError";
        private const string EfCanceled = "Microsoft.EntityFrameworkCore.Database.Command.CommandCanceled";
        private const string HttpRequest = "System.Net.Http.Request";
        private const string HttpResponse = "System.Net.Http.Response";

        /// <summary>Commands longer than this are cut here: enough to tell two queries apart, and the report stays small.</summary>
        internal const int MaxTextLength = 500;

        /// <summary>Beyond this many commands started and never ended (a provider that skips its end event), the oldest are forgotten.</summary>
        private const int MaxInFlight = 10_000;

        private static readonly CostCollector s_instance = new CostCollector();
        private static int s_subscribed;

        internal static volatile bool Database;
        internal static volatile bool Http;

        /// <summary>Beyond this many distinct raw texts remembered, the memory of them starts again.</summary>
        private const int MaxRememberedTexts = 10_000;

        private readonly ConcurrentDictionary<object, InFlight> _inFlight = new ConcurrentDictionary<object, InFlight>();

        /// <summary>
        /// Raw command text to the text recorded: EF Core and Dapper reuse the same text for the same query, so it is
        /// tidied once, not at every command.
        /// </summary>
        private readonly ConcurrentDictionary<string, string> _texts = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private readonly PayloadProperty _command = new PayloadProperty("Command");
        private readonly PayloadProperty _commandText = new PayloadProperty("CommandText");
        private readonly PayloadProperty _requestId = new PayloadProperty("LoggingRequestId");
        private readonly PayloadProperty _request = new PayloadProperty("Request");
        private readonly PayloadProperty _method = new PayloadProperty("Method");
        private readonly PayloadProperty _uri = new PayloadProperty("RequestUri");

        private CostCollector()
        {
        }

        /// <summary>Turns the collectors on or off; subscribes to the providers' listeners once, the first time one is on.</summary>
        internal static void Configure(bool database, bool http)
        {
            Database = database;
            Http = http;
            if ((database || http) && Interlocked.Exchange(ref s_subscribed, 1) == 0)
                DiagnosticListener.AllListeners.Subscribe(s_instance);
        }

        public void OnNext(DiagnosticListener listener)
        {
            switch (listener.Name)
            {
                case EfCore:
                case SqlClient:
                case HttpClient:
                    listener.Subscribe(this, IsEnabled);
                    break;
            }
        }

        /// <summary>Asked by a provider before it builds an event: only the events charged here, only while they are on.</summary>
        private static bool IsEnabled(string name) => name switch
        {
            EfExecuting or EfExecuted or EfError or EfCanceled => Database,
            HttpRequest or HttpResponse => Http,
            _ => Database && IsSqlClientCommand(name),
        };

        private static bool IsSqlClientCommand(string name) =>
            name.EndsWith(".WriteCommandBefore", StringComparison.Ordinal) || name.EndsWith(".WriteCommandAfter", StringComparison.Ordinal) ||
            name.EndsWith(".WriteCommandError", StringComparison.Ordinal);

        public void OnNext(KeyValuePair<string, object?> e)
        {
            try
            {
                var payload = e.Value;
                if (payload == null) return;
                switch (e.Key)
                {
                    case EfExecuting:
                        StartCommand(_command.Of(payload));
                        break;
                    case EfExecuted:
                    case EfError:
                    case EfCanceled:
                        End(_command.Of(payload));
                        break;
                    case HttpRequest:
                        StartHttp(_requestId.Of(payload), _request.Of(payload));
                        break;
                    case HttpResponse:
                        End(_requestId.Of(payload));
                        break;
                    default:
                        if (e.Key.EndsWith(".WriteCommandBefore", StringComparison.Ordinal)) StartCommand(_command.Of(payload));
                        else if (IsSqlClientCommand(e.Key)) End(_command.Of(payload));
                        break;
                }
            }
            catch (Exception ex)
            {
                // The user's command goes on; only its line's figure is missing.
                Hosting.ProfilerLog.Error("LP2010", "LineProf could not charge a command or HTTP call to its line: " + ex.Message);
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }

        private void StartCommand(object? command)
        {
            if (command == null || !Database) return;
            var raw = _commandText.Of(command) as string ?? "";
            if (!_texts.TryGetValue(raw, out var text))
            {
                if (_texts.Count >= MaxRememberedTexts) _texts.Clear();
                _texts[raw] = text = CommandText(raw);
            }

            Start(command, CostKinds.Database, text);
        }

        private void StartHttp(object? id, object? request)
        {
            if (id == null || request == null || !Http) return;
            var method = _method.Of(request)?.ToString() ?? "";
            var uri = _uri.Of(request) as Uri;
            Start(id, CostKinds.Http, HttpTarget.Of(method, uri));
        }

        /// <summary>Notes who issued it, on the issuing thread. A command already started (by EF Core, now by SqlClient) stays as first noted.</summary>
        private void Start(object key, string kind, string text)
        {
            if (!(LineSink.Current is ActiveRequest request)) return;   // outside requests, or not profiled
            int line = ThreadCounters.LineOf(request);
            if (line == 0) line = Volatile.Read(ref request.AwaitingLine); // raised after the provider's own await, on another thread
            if (_inFlight.Count >= MaxInFlight) _inFlight.Clear();
            _inFlight.TryAdd(key, new InFlight(request, line, kind, text, ProbeClock.Now()));
        }

        private void End(object? key)
        {
            if (key == null || !_inFlight.TryRemove(key, out var started)) return;
            started.Request.AddCost(started.Line, started.Kind, started.Text, ProbeClock.Now() - started.Since);
        }

        /// <summary>The command as written, without the run of whitespace SQL builders leave, cut at <see cref="MaxTextLength"/>.</summary>
        internal static string CommandText(string text)
        {
            var builder = new System.Text.StringBuilder(Math.Min(text.Length, MaxTextLength + 1));
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space) builder.Append(' ');
                space = false;
                builder.Append(c);
                if (builder.Length >= MaxTextLength)
                {
                    builder.Append('…');
                    break;
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// A property read from a payload whose type the collector does not reference (EF Core's event data, SqlClient's
        /// and HttpClient's anonymous payloads): looked up once per payload type, which is nearly always the same one.
        /// </summary>
        private sealed class PayloadProperty
        {
            private readonly string _name;
            private Lookup? _last;

            internal PayloadProperty(string name)
            {
                _name = name;
            }

            internal object? Of(object target)
            {
                var type = target.GetType();
                var last = _last;                                    // one reference: type and property always agree
                if (last == null || last.Type != type) _last = last = new Lookup(type, type.GetProperty(_name, BindingFlags.Public | BindingFlags.Instance));
                return last.Property?.GetValue(target);
            }

            private sealed class Lookup
            {
                internal Lookup(Type type, PropertyInfo? property)
                {
                    Type = type;
                    Property = property;
                }

                internal readonly Type Type;
                internal readonly PropertyInfo? Property;
            }
        }

        private readonly struct InFlight
        {
            public InFlight(ActiveRequest request, int line, string kind, string text, long since)
            {
                Request = request;
                Line = line;
                Kind = kind;
                Text = text;
                Since = since;
            }

            public ActiveRequest Request { get; }
            public int Line { get; }
            public string Kind { get; }
            public string Text { get; }
            public long Since { get; }
        }
    }
}
#endif
