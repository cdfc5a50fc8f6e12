using System.Collections;
using System.Reflection;
using LineProf.Reporting;
using LineProf.Tool.Reading;

namespace LineProf.Tool.Tests;

/// <summary>
/// lineprof.json as the runtime writes it, read back by the tool's reader: every field of every scope (totals,
/// outside requests, endpoints, requests, their lines, methods and commands) comes back as written. The report's fields
/// each hold a different value, so a field written under another's name, in the wrong scope, or not at all shows here.
/// </summary>
public class ReportJsonRoundTripTests
{
    [Test]
    public void EveryFieldReadsBackAsWritten()
    {
        var written = Complete();
        using var scratch = new Scratch();
        var path = scratch.PathOf(scratch.WriteReport("lineprof.json", written));

        var read = new ReportReader(ReportReader.DefaultMaxSize).Read(path);

        var differences = new List<string>();
        Compare(written, read, "$", differences);
        Assert.That(differences, Is.Empty, "fields that did not read back as written");
    }

    /// <summary>
    /// The fixture itself: every field of the model is set (not its default) somewhere in each scope, so a field added
    /// to the model later fails here until the fixture sets it, and the round trip then covers it.
    /// </summary>
    [Test]
    public void TheReportSetsEveryField()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        Walk(Complete(), "$", seen, set);
        seen.Remove("$.schemaVersion"); // one value is valid: the reader refuses any other
        Assert.That(seen.Except(set), Is.Empty, "fields the fixture leaves at their default");
    }

    /// <summary>A report with each field set to a value no other field has.</summary>
    private static ProfileReport Complete()
    {
        long value = 1000;
        long Next() => value += 17;
        int NextInt() => (int)Next();

        LineCommand Database(bool nPlusOne) => new()
        {
            Kind = "db", Text = "SELECT \"Id\" FROM \"Orders\" WHERE \"Id\" = @p" + Next(), Count = Next(), TimeNs = Next(),
            MaxPerRequest = Next(), NPlusOne = nPlusOne,
        };
        LineCommand Http() => new()
        {
            Kind = "http", HttpMethod = "POST", Host = "stock:" + Next(), Path = "/items/{id}?q=", Count = Next(), TimeNs = Next(), MaxPerRequest = Next(),
        };
        T Line<T>(T line, bool counted) where T : LineFigures
        {
            line.File = "/src/App/F" + Next() + ".cs";
            line.Line = NextInt();
            line.Method = "App.Orders.Get" + Next();
            line.Hits = Next();
            line.TimeNs = Next();
            line.SelfNs = Next();
            line.TimeErrorNs = Next();
            line.AllocBytes = Next();
            line.SelfAllocBytes = Next();
            line.DbCommands = Next();
            line.DbNs = Next();
            line.HttpCalls = Next();
            line.HttpNs = Next();
            line.NPlusOne = !counted;
            line.Commands = counted ? null : [Database(nPlusOne: true), Http()];
            line.Counted = counted;
            return line;
        }
        LineReport Summed(bool counted) => Line(new LineReport { Source = "var order = await db.Orders.FindAsync(" + Next() + ");" }, counted);
        RequestLine OfRequest(bool counted) => Line(new RequestLine(), counted);
        MethodReport Method(bool counted) => new()
        {
            File = "/src/App/M" + Next() + ".cs", Method = "App.Orders.List" + Next(), Line = NextInt(), Calls = Next(), TimeNs = Next(),
            SelfNs = Next(), AllocBytes = Next(), Counted = counted,
        };

        var report = new ProfileReport
        {
            Mode = ProfilingModes.Sampled,
            Clock = "tsc",
            SampleIntervalNs = Next(),
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
            RequestCount = Next(),
            Selection = new SelectionReport
            {
                Rate = 0.25, Profiled = Next(), Triggered = Next(), Unprofiled = Next(), OverCap = Next(), RefusedTriggers = Next(),
            },
            ProbeOverheadNs = Next(),
            Lines = { Summed(counted: false), Summed(counted: true) },
            Methods = { Method(counted: false), Method(counted: true) },
            OutsideRequests =
            {
                Lines = { Summed(counted: false), Summed(counted: true) },
                Methods = { Method(counted: false), Method(counted: true) },
            },
            Assemblies = { "App", "App.Data" },
            LineCosts = new LineCostsReport { Allocations = true, MethodAllocations = true, DatabaseCommands = true, HttpCalls = true, NPlusOneThreshold = NextInt() },
        };
        report.Endpoints.Add(new EndpointReport
        {
            Name = "POST /orders/{id}", Count = Next(), Profiled = Next(), WarmUp = Next(), TotalNs = Next(), MeanNs = Next(),
            P50Ns = Next(), P95Ns = Next(), MaxNs = Next(), DbCommands = Next(), DbNs = Next(), HttpCalls = Next(), HttpNs = Next(),
            MessagesIn = Next(), MessagesOut = Next(),
            Lines = { OfRequest(counted: false), OfRequest(counted: true) },
            Methods = { Method(counted: false), Method(counted: true) },
        });
        report.Requests.Add(new RequestReport
        {
            Kind = "grpc", Name = "/orders.Orders/Get", Id = "0HN" + Next(), Method = "POST", Path = "/orders.Orders/Get", Endpoint = "/orders/{id}",
            Status = NextInt(), StartedUtc = new DateTime(2026, 1, 2, 3, 0, 7, DateTimeKind.Utc).AddTicks(7654321), DurationNs = Next(),
            DbCommands = Next(), DbNs = Next(), HttpCalls = Next(), HttpNs = Next(), WarmUp = true,
            TraceId = "0af7651916cd43dd8448eb211c80319c", SpanId = "b7ad6b7169203331", MessagesIn = Next(), MessagesOut = Next(),
            Lines = { OfRequest(counted: false), OfRequest(counted: true) },
            Methods = { Method(counted: false), Method(counted: true) },
        });
        return report;
    }

    private static void Compare(object? written, object? read, string at, List<string> differences)
    {
        if (written == null || read == null)
        {
            if (written != null || read != null) differences.Add($"{at}: wrote {written ?? "null"}, read {read ?? "null"}");
            return;
        }

        if (written.GetType() != read.GetType())
        {
            differences.Add($"{at}: wrote a {written.GetType().Name}, read a {read.GetType().Name}");
        }
        else if (IsValue(written))
        {
            if (!written.Equals(read)) differences.Add($"{at}: wrote {written}, read {read}");
        }
        else if (written is IList writtenItems)
        {
            var readItems = (IList)read;
            if (writtenItems.Count != readItems.Count) differences.Add($"{at}: wrote {writtenItems.Count} items, read {readItems.Count}");
            for (int i = 0; i < Math.Min(writtenItems.Count, readItems.Count); i++) Compare(writtenItems[i], readItems[i], $"{at}[{i}]", differences);
        }
        else
        {
            foreach (var property in Fields(written.GetType())) Compare(property.GetValue(written), property.GetValue(read), at + "." + JsonName(property), differences);
        }
    }

    /// <summary>Notes each field's place (list indices left out) in <paramref name="seen"/>, and in <paramref name="set"/> where it is not its default.</summary>
    private static void Walk(object model, string at, ISet<string> seen, ISet<string> set)
    {
        var defaults = Activator.CreateInstance(model.GetType())!;
        foreach (var property in Fields(model.GetType()))
        {
            string place = at + "." + JsonName(property);
            seen.Add(place);
            object? value = property.GetValue(model);
            if (value is IList items)
            {
                if (items.Count > 0) set.Add(place);
                foreach (var item in items)
                    if (!IsValue(item!)) Walk(item!, place + "[]", seen, set);
            }
            else if (value != null && !IsValue(value))
            {
                set.Add(place);
                Walk(value, place, seen, set);
            }
            else if (!Equals(value, property.GetValue(defaults)))
            {
                set.Add(place);
            }
        }
    }

    private static bool IsValue(object value) => value.GetType().IsPrimitive || value is string or DateTime;

    private static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0);

    private static string JsonName(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}
