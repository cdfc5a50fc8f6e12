using System.Net;
using System.Text;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>
/// The terminal view as a user meets it: the sample app (samples/CatalogApi) built with LineProfile on, served and
/// sent the demo's requests, and its lineprof.json read by the lineprof tool installed from its package.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleAppTerminalTests
{
    private const string Escape = "\u001b[";
    private const string KeypadMode = "\u001b[?1h\u001b=";

    private Sandbox _sandbox = null!;
    private string _lineprof = null!;
    private ProfileReport _report = null!;

    [OneTimeSetUp]
    public async Task InstallTheToolAndProfileTheSample()
    {
        Repository.RequirePackage("LineProf");
        Repository.RequirePackage("LineProf.Tool");
        _sandbox = Sandbox.Create("sample-show");
        var install = _sandbox.DotNet("", "tool", "install", "LineProf.Tool", "--version", Repository.Version,
            "--tool-path", _sandbox.PathOf("tools"), "--configfile", _sandbox.PathOf("nuget.config"));
        Assert.That(install.Succeeded, Is.True, install.ToString());
        _lineprof = _sandbox.PathOf("tools", OperatingSystem.IsWindows() ? "lineprof.exe" : "lineprof");

        _sandbox.CopyFromRepository("samples/CatalogApi", "app");
        _sandbox.Build("app/CatalogApi.csproj", "-c", "Release", $"-p:LineProfVersion={Repository.Version}");
        string bin = _sandbox.PathOf("app", "bin", "Release", "net10.0");
        await using (var app = await WebApp.StartAsync(Path.Combine(bin, "CatalogApi.dll")))
        {
            foreach (var category in new[] { "Books", "Games", "Garden", "Kitchen" }) await Get(app, "/products?category=" + category);
            foreach (var id in new[] { 1, 7, 42 }) await Get(app, "/products/" + id);
            for (int id = 1; id <= 12; id++) await Get(app, "/orders/" + id);
            var order = new StringContent("""{"customerId":3,"lines":[{"productId":12,"quantity":2},{"productId":99,"quantity":1}]}""", Encoding.UTF8, "application/json");
            Assert.That((await app.Client.PostAsync("/orders", order)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            for (int i = 0; i < 3; i++) await Get(app, "/export/catalog.csv");
            Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        }

        File.Copy(Path.Combine(bin, "lineprof", "lineprof.json"), _sandbox.PathOf("lineprof.json"));
        _report = ReportFile.Read(_sandbox.PathOf("lineprof.json"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void Show_lists_the_ten_methods_with_the_most_time_each_line_as_the_json_has_it()
    {
        var result = Lineprof.Start(_lineprof, ["show", "lineprof.json"], _sandbox.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var shown = ShowListing.Parse(result.Output);
        var expected = MethodsByTime(_report.Lines, _report.Methods).Take(10).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(m => m.Method), Is.EqualTo(expected.Select(m => m.Name)), "the ten with the most time, most first");
            foreach (var (method, (name, time, calls)) in shown.Zip(expected))
            {
                Assert.That(method.Total, Does.StartWith(ShownTime(method.Total, time) + (calls is long n ? " in " + n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " call" : ",")), name);
                Assert.That(method.Total, Does.EndWith($"summed over {_report.RequestCount} requests"), name);
                ListingChecks.LinesEqualTheReport(method, _report.Lines, _report.Methods);
                FoldsFollowThePagesRule(method, _report.Lines.Where(l => l.Method == name).OrderBy(l => l.Line).ToList(), time);
            }
        });
    }

    [Test]
    public void Show_for_an_endpoint_gives_the_endpoints_figures()
    {
        var endpoint = _report.Endpoints.Single(e => e.Name.Contains("/export/catalog.csv", StringComparison.Ordinal));
        var result = Lineprof.Start(_lineprof, ["show", "lineprof.json", "--endpoint", endpoint.Name, "-n", "0"], _sandbox.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var shown = ShowListing.Parse(result.Output);
        var sources = _report.Lines.ToDictionary(l => (l.File, l.Line, l.Method), l => l.Source);
        var lines = endpoint.Lines.Select(l => Reports.Line(l.File, l.Line, l.Method, l.Hits, l.TimeNs, l.SelfNs, sources[(l.File, l.Line, l.Method)])).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(m => m.Method), Is.EqualTo(MethodsByTime(lines, endpoint.Methods).Select(m => m.Name)));
            foreach (var method in shown)
            {
                Assert.That(method.Total, Does.EndWith($"summed over the {endpoint.Count} requests of {endpoint.Name}"));
                ListingChecks.LinesEqualTheReport(method, lines, endpoint.Methods);
            }
        });
    }

    [Test]
    public void Show_top_and_diff_are_coloured_in_a_terminal_as_the_page_colours_them()
    {
        var show = InTerminal(["show", "lineprof.json", "--match", "*CatalogExporter.ToCsv"]);
        var top = InTerminal(["top", "lineprof.json", "-n", "3"]);
        _sandbox.Write("before.json", ReportJson.Serialize(Reports.App(slowLookupNs: 10_000_000)));
        _sandbox.Write("after.json", ReportJson.Serialize(Reports.App(slowLookupNs: 40_000_000)));
        var diff = InTerminal(["diff", "before.json", "after.json"]);

        Assert.Multiple(() =>
        {
            // The export's string concatenation takes nearly all of ToCsv's time and of all the lines' self time.
            Assert.That(show, Does.Match(@"\u001b\[1;31m\s+\d+\s+12,000 .*csv \+= "), "its hot line in bold red");
            Assert.That(show, Does.Contain("\u001b[1mMethod: CatalogApi.Services.CatalogExporter.ToCsv"), "the header in bold");
            Assert.That(top, Does.Match(@"\u001b\[1;31m\s+\d+\s+12,000 .*csv \+= "), "the hottest line in bold red");
            Assert.That(diff, Does.Match(@"\u001b\[31m\s*\+30 ms"), "slower in red");
        });
    }

    [Test]
    public void Without_a_terminal_with_NO_COLOR_or_with_no_color_the_text_is_plain_and_the_same()
    {
        string[] show = ["show", "lineprof.json", "-n", "3"];
        var piped = Lineprof.Start(_lineprof, show, _sandbox.Root);
        var noColor = InTerminal(show, noColor: "1");
        var option = InTerminal([.. show, "--no-color"]);

        Assert.Multiple(() =>
        {
            Assert.That(piped.Output, Does.Not.Contain(Escape));
            Assert.That(noColor, Does.Not.Contain(Escape));
            Assert.That(option, Does.Not.Contain(Escape));
            Assert.That(noColor, Is.EqualTo(piped.Output), "the same text as piped, in a terminal");
            Assert.That(option, Is.EqualTo(piped.Output), "the same text as piped, in a terminal");
        });
    }

    [Test]
    public void The_readmes_bash_completion_completes_commands_and_each_commands_options()
    {
        string readme = File.ReadAllText(Repository.PathOf("README.md"));
        var snippet = System.Text.RegularExpressions.Regex.Match(readme, @"```sh\n(_lineprof\(\) \{.*?complete -o filenames -F _lineprof lineprof)\n```",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.That(snippet.Success, Is.True, "the README's completion function");
        _sandbox.Write("complete.sh", $$"""
            PATH="{{Path.GetDirectoryName(_lineprof)}}:$PATH"
            {{snippet.Groups[1].Value}}
            complete -p lineprof
            COMP_WORDS=(lineprof sh); COMP_CWORD=1; _lineprof; echo "${COMPREPLY[@]}"
            COMP_WORDS=(lineprof show --e); COMP_CWORD=2; _lineprof; echo "${COMPREPLY[@]}"
            COMP_WORDS=(lineprof top --); COMP_CWORD=2; _lineprof; echo "${COMPREPLY[@]}"
            """);

        var result = ProcessRunner.Run("bash", ["complete.sh"], _sandbox.Root);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(lines, Has.Length.EqualTo(4), result.ToString());
            Assert.That(lines[0], Does.Contain("-F _lineprof lineprof"));
            Assert.That(lines[1], Is.EqualTo("show"));
            Assert.That(lines[2], Is.EqualTo("--endpoint"));
            Assert.That(lines[3], Is.EqualTo("--by --count --format --help --max-size --no-color --outside --verbose"));
        });
    }

    /// <summary>
    /// Runs the installed tool under a pseudo-terminal (util-linux's script), as a user's shell runs it, and returns
    /// what the terminal got, with line ends as a pipe has them. NO_COLOR is taken from <paramref name="noColor"/>,
    /// never from the test's environment. .NET's console itself, not lineprof, starts its output to a terminal by
    /// switching the keypad to application mode (ESC [?1h ESC =), which shows nothing; that is taken off too.
    /// </summary>
    private string InTerminal(string[] arguments, string? noColor = null)
    {
        Assert.That(File.Exists("/usr/bin/script"), Is.True, "util-linux's script runs the tool in a pseudo-terminal (apt-get install bsdutils)");
        string command = string.Join(' ', new[] { _lineprof }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var info = ProcessRunner.Start("/usr/bin/script", ["-qec", command, "/dev/null"], _sandbox.Root);
        info.Environment.Remove("NO_COLOR");
        if (noColor != null) info.Environment["NO_COLOR"] = noColor;
        info.Environment["TERM"] = "xterm-256color";
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "script " + command);
        Assert.That(process.ExitCode, Is.Zero, output.Result + errors.Result);
        string text = output.Result.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.StartsWith(KeypadMode, StringComparison.Ordinal) ? text[KeypadMode.Length..] : text;
    }

    /// <summary>Methods as the page orders them: by their own time (else their lines' sum), most first, then by name.</summary>
    private static IEnumerable<(string Name, long TimeNs, long? Calls)> MethodsByTime(IEnumerable<LineReport> lines, IEnumerable<MethodReport> methods)
    {
        var own = methods.GroupBy(m => m.Method).ToDictionary(g => g.Key, g => (Time: g.Sum(m => m.TimeNs), Calls: g.Sum(m => m.Calls)));
        return lines.GroupBy(l => l.Method)
            .Select(g => own.TryGetValue(g.Key, out var f) ? (g.Key, f.Time, (long?)f.Calls) : (g.Key, g.Sum(l => l.TimeNs), null))
            .OrderByDescending(m => m.Item2).ThenBy(m => m.Key, StringComparer.Ordinal);
    }

    /// <summary>The time at the start of a header, checked against the JSON's figure and returned as shown.</summary>
    private static string ShownTime(string total, long nanoseconds)
    {
        string shown = string.Join(' ', total.Split(' ').Take(2)).TrimEnd(',');
        Assert.That(ShowListing.Shows(shown, nanoseconds), Is.True, $"{shown} vs {nanoseconds} ns");
        return shown;
    }

    /// <summary>
    /// The page's rule: a method of more than 12 lines shows each line of 1% or more of its time with 2 lines either
    /// side; stretches of 3 or more other lines are folded, shorter ones shown.
    /// </summary>
    private static void FoldsFollowThePagesRule(ShownMethod method, List<LineReport> lines, long time)
    {
        var near = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            double percent = time > 0 ? 100.0 * lines[i].TimeNs / time : 0;
            if (lines.Count > 12 && percent < 1) continue;
            for (int j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) near[j] = true;
        }

        var expected = new List<string>();
        for (int i = 0; i < lines.Count;)
        {
            int end = i;
            while (end < lines.Count && !near[end]) end++;
            if (end - i >= 3) expected.Add($"fold {end - i} {lines[i].Line}-{lines[end - 1].Line}");
            else for (int k = i; k < end; k++) expected.Add(lines[k].Line.ToString());
            if (end >= lines.Count) break;
            for (i = end; i < lines.Count && near[i]; i++) expected.Add(lines[i].Line.ToString());
        }

        Assert.That(method.Rows.Select(r => r.Line?.ToString() ?? $"fold {r.Fold!.Groups[1]} {r.Fold.Groups[2]}-{r.Fold.Groups[3]}"),
            Is.EqualTo(expected), method.Method);
    }

    private static async Task Get(WebApp app, string path) =>
        Assert.That((await app.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
}
