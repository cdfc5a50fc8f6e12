using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary><c>lineprof merge</c> keeps what lines cost beyond time: bytes, commands and calls add up, N+1 stays flagged.</summary>
public class MergeLineCostsTests
{
    private const string Query = "SELECT \"o\".\"Id\" FROM \"OrderLines\" AS \"o\" WHERE \"o\".\"OrderId\" = @__id_0";

    /// <summary>
    /// <see cref="Reports.Whole"/> with costs that add up as the runtime's do: each request's lookup line issues one
    /// query 6 times (an N+1 at threshold 5) and allocates 1,000 bytes (800 its own), the next line 200.
    /// </summary>
    internal static ProfileReport WholeWithCosts(string requestPrefix, int requests)
    {
        var report = Reports.Whole(requestPrefix, requests);
        report.LineCosts = new LineCostsReport { Allocations = true, MethodAllocations = true, DatabaseCommands = true, HttpCalls = true, NPlusOneThreshold = 5 };
        foreach (var request in report.Requests)
        {
            Costs(request.Lines[0], request.Lines[1], request.Methods[0], 1);
            request.DbCommands = 6;
            request.DbNs = 600_000;
        }

        Costs(report.Endpoints[0].Lines[0], report.Endpoints[0].Lines[1], report.Endpoints[0].Methods[0], requests);
        report.Endpoints[0].DbCommands = 6L * requests;
        report.Endpoints[0].DbNs = 600_000L * requests;
        var totals = report.Endpoints[0].Lines;
        for (int i = 0; i < 2; i++)
        {
            report.Lines[i].AllocBytes = totals[i].AllocBytes;
            report.Lines[i].SelfAllocBytes = totals[i].SelfAllocBytes;
            report.Lines[i].DbCommands = totals[i].DbCommands;
            report.Lines[i].DbNs = totals[i].DbNs;
            report.Lines[i].NPlusOne = totals[i].NPlusOne;
            report.Lines[i].Commands = totals[i].Commands?.Select(Copy).ToList();
        }

        report.Methods[0].AllocBytes = 1_200L * requests;
        return report;

        static void Costs(RequestLine lookup, RequestLine next, MethodReport method, long n)
        {
            lookup.AllocBytes = 1_000 * n;
            lookup.SelfAllocBytes = 800 * n;
            lookup.DbCommands = 6 * n;
            lookup.DbNs = 600_000 * n;
            lookup.NPlusOne = true;
            lookup.Commands = [new LineCommand { Kind = "db", Text = Query, Count = 6 * n, TimeNs = 600_000 * n, MaxPerRequest = 6, NPlusOne = true }];
            next.AllocBytes = next.SelfAllocBytes = 200 * n;
            method.AllocBytes = 1_200 * n;
        }

        static LineCommand Copy(LineCommand c) => new()
        {
            Kind = c.Kind, Text = c.Text, Count = c.Count, TimeNs = c.TimeNs, MaxPerRequest = c.MaxPerRequest, NPlusOne = c.NPlusOne,
        };
    }

    [Test]
    public void Merge_sums_bytes_commands_and_calls_and_keeps_the_N_plus_1_flag()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("a.json", WholeWithCosts("a", requests: 7));
        scratch.WriteReport("b.json", WholeWithCosts("b", requests: 4));

        var merge = scratch.Lineprof("merge", "a.json", "b.json", "-o", "lineprof.json");
        var render = scratch.Lineprof("render", "lineprof.json", "-o", "lineprof.html");

        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        Assert.That(render.ExitCode, Is.Zero, render.ToString());
        var merged = ReportFile.Load(scratch.PathOf("lineprof.json")); // every invariant, line costs and the page's copy of them included
        var lookup = merged.Lines.Single(l => l.Line == 42);
        var command = lookup.Commands!.Single();
        Assert.Multiple(() =>
        {
            Assert.That((lookup.AllocBytes, lookup.SelfAllocBytes), Is.EqualTo((11_000L, 8_800L)));
            Assert.That((lookup.DbCommands, lookup.DbNs, lookup.NPlusOne), Is.EqualTo((66L, 6_600_000L, true)));
            Assert.That((command.Text, command.Count, command.TimeNs, command.MaxPerRequest, command.NPlusOne), Is.EqualTo((Query, 66L, 6_600_000L, 6L, true)));
            Assert.That(merged.Lines.Single(l => l.Line == 43).AllocBytes, Is.EqualTo(2_200));
            Assert.That(merged.Methods.Single().AllocBytes, Is.EqualTo(13_200));
            Assert.That((merged.Endpoints[0].DbCommands, merged.Endpoints[0].Lines[0].DbCommands), Is.EqualTo((66L, 66L)));
            Assert.That(merged.Endpoints[0].Methods.Single().AllocBytes, Is.EqualTo(13_200));
            Assert.That(merged.LineCosts, Is.Not.Null);
            Assert.That((merged.LineCosts!.Allocations, merged.LineCosts.MethodAllocations, merged.LineCosts.NPlusOneThreshold), Is.EqualTo((true, true, 5)));
        });
    }

    [Test]
    public void Merge_judges_the_N_plus_1_flag_again_by_the_strictest_threshold()
    {
        using var scratch = new Scratch();
        var lenient = WholeWithCosts("a", requests: 3);
        lenient.LineCosts!.NPlusOneThreshold = 10;
        foreach (var line in lenient.Requests.SelectMany(r => r.Lines).Concat(lenient.Endpoints[0].Lines))
            Unflag(line.Commands, n => line.NPlusOne = n);
        foreach (var line in lenient.Lines) Unflag(line.Commands, n => line.NPlusOne = n);
        scratch.WriteReport("a.json", lenient);
        scratch.WriteReport("b.json", WholeWithCosts("b", requests: 2));

        var merge = scratch.Lineprof("merge", "a.json", "b.json", "-o", "lineprof.json");

        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        var merged = ReportFile.Load(scratch.PathOf("lineprof.json"));
        Assert.That((merged.LineCosts!.NPlusOneThreshold, merged.Lines.Single(l => l.Line == 42).NPlusOne), Is.EqualTo((5, true)));

        static void Unflag(List<LineCommand>? commands, Action<bool> line)
        {
            foreach (var c in commands ?? []) c.NPlusOne = false;
            line(false);
        }
    }
}
