using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace LineProf.Testing;

/// <summary>
/// A real ASP.NET Core app running in its own process on Kestrel, bound to 127.0.0.1 on a port the app picks
/// (it reports the port in its "Now listening on" log line). Stopped gracefully with SIGTERM, as a service
/// manager would, so the app's shutdown work (LineProf's last report write) runs.
/// </summary>
public sealed partial class WebApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedOutput = new();

    private WebApp(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>dotnet app.dll</c> and waits until Kestrel listens.</summary>
    public static async Task<WebApp> StartAsync(string assemblyPath, IDictionary<string, string?>? environment = null,
        string? contentRoot = null, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__LineProf"] = "Information",
        };
        foreach (var pair in environment ?? new Dictionary<string, string?>()) env[pair.Key] = pair.Value;

        var info = ProcessRunner.Start("dotnet", [assemblyPath], contentRoot ?? Path.GetDirectoryName(assemblyPath)!, env);
        var app = new WebApp(new Process { StartInfo = info, EnableRaisingEvents = true });
        app._process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.Exited += (_, _) => app._listening.TrySetException(new InvalidOperationException("The app exited before listening:\n" + app.Output));
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();

        var listening = await app._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        app.BaseAddress = listening;
        app.Client = new HttpClient { BaseAddress = listening, Timeout = TimeSpan.FromSeconds(60) };
        return app;
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, pathAndQuery)));

    /// <summary>Completes when the app has printed a line containing <paramref name="text"/> (or had already).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal)) return Task.CompletedTask;
            _awaitedOutput.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends SIGTERM and waits for a graceful exit. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            Signal(_process.Id, Sigterm);
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException("The app did not stop within its timeout after SIGTERM:\n" + Output);
            }
        }

        return _process.ExitCode;
    }

    /// <summary>Ends the process at once, as a crash or the OOM killer would: no shutdown code runs.</summary>
    public void KillHard()
    {
        Signal(_process.Id, Sigkill);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line == null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var awaited in _awaitedOutput.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaitedOutput.Remove(awaited);
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success) _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
    }

    private const int Sigterm = 15;
    private const int Sigkill = 9;

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
