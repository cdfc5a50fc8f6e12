using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LineProf.Testing;

namespace LineProf.SystemWeb.Tests;

/// <summary>
/// A classic ASP.NET app served the way it runs on Linux in production: nginx in front of Mono's FastCGI server
/// (Debian's fastcgi-mono-server4; its xsp4 crashes on Mono 6.8). Both listen on 127.0.0.1 on free ports; nginx
/// runs in the foreground with its own config, pid file, logs and temp folders under <c>work</c>. nginx has a
/// second server that tells the app its client is 192.0.2.10 (a documentation address; no traffic goes there), to
/// see what the app does for a client that is not on this machine.
/// </summary>
public sealed class ClassicAspNetServer : IAsyncDisposable
{
    /// <summary>The address nginx reports as the client on <see cref="RemoteClientAddress"/>.</summary>
    public const string RemoteClient = "192.0.2.10";

    private static readonly string[] s_tools = ["mono", "fastcgi-mono-server4", "nginx"];

    private readonly StringBuilder _output = new();
    private readonly List<Process> _processes = [];

    private ClassicAspNetServer(Uri baseAddress, Uri remoteClientAddress)
    {
        BaseAddress = baseAddress;
        RemoteClientAddress = remoteClientAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>nginx, for a client on the loopback interface.</summary>
    public Uri BaseAddress { get; }

    /// <summary>nginx, telling the app its client is <see cref="RemoteClient"/>.</summary>
    public Uri RemoteClientAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the FastCGI server (and so the app) and nginx printed.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Fails when mono, fastcgi-mono-server4 or nginx is missing and CI=true (build/test.sh installs them, so CI must
    /// never pass by skipping); elsewhere the test is ignored, saying what to install.
    /// </summary>
    public static void RequireTools()
    {
        var missing = s_tools.Where(tool => FindOnPath(tool) == null).ToList();
        if (missing.Count == 0) return;
        var message = $"{string.Join(", ", missing)} not found: apt-get install mono-complete mono-fastcgi-server4 nginx (build/test.sh does).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
    }

    /// <summary>Starts both servers for the app in <paramref name="appRoot"/> and waits until the app answers.</summary>
    public static async Task<ClassicAspNetServer> StartAsync(string appRoot, string work, TimeSpan startTimeout)
    {
        int fastCgiPort = FreePort(), port = FreePort(), remotePort = FreePort();
        var server = new ClassicAspNetServer(new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{remotePort}/"));
        try
        {
            server.Launch("fastcgi-mono-server4", [$"/applications=/:{appRoot}", $"/socket=tcp:127.0.0.1:{fastCgiPort}"], appRoot);
            var config = WriteNginxConfig(work, appRoot, fastCgiPort, port, remotePort);
            server.Launch("nginx", ["-c", config, "-p", work, "-e", Path.Combine(work, "error.log")], work);
            await server.WaitUntilAnsweringAsync(startTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        SendAsync(BaseAddress, pathAndQuery, headers);

    public Task<HttpResponseMessage> GetAsRemoteClientAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        SendAsync(RemoteClientAddress, pathAndQuery, headers);

    /// <summary>Waits until the servers' output contains <paramref name="text"/>; returns the whole output.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No '{text}' from the servers within {timeout}:\n{Output}");
            ThrowIfExited();
            await Task.Delay(100);
        }

        return Output;
    }

    /// <summary>Ends both servers. Mono's FastCGI server has no graceful stop of its own: SIGTERM ends it at once.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Already gone, or not reaped in time: nothing more a test can do about it.
            }

            process.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri server, string pathAndQuery, (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, pathAndQuery));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    private void Launch(string tool, string[] arguments, string workingDirectory)
    {
        var process = new Process { StartInfo = ProcessRunner.Start(tool, arguments, workingDirectory) };
        process.OutputDataReceived += (_, e) => OnLine(tool, e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(tool, e.Data);
        process.Start();
        _processes.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void OnLine(string tool, string? line)
    {
        if (line != null) lock (_output) _output.Append(tool).Append(": ").AppendLine(line);
    }

    /// <summary>
    /// The first request starts the application (Mono compiles Global.asax then), which takes seconds on a busy
    /// machine. The live page's API is asked because it is never profiled, so waiting leaves no request behind.
    /// </summary>
    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await GetAsync("_lineprof/api/report");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // nginx is not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not answer within {timeout}:\n{Output}");
            await Task.Delay(250);
        }
    }

    private void ThrowIfExited()
    {
        foreach (var process in _processes)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode}:\n{Output}");
        }
    }

    private static string WriteNginxConfig(string work, string appRoot, int fastCgiPort, int port, int remotePort)
    {
        Directory.CreateDirectory(work);
        string Location(string extra) => $$"""
                location / {
                  include /etc/nginx/fastcgi_params;
                  fastcgi_param PATH_INFO "";
                  fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;{{extra}}
                  fastcgi_pass 127.0.0.1:{{fastCgiPort}};
                }
            """;
        var config = Path.Combine(work, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            master_process off;
            pid {{Path.Combine(work, "nginx.pid")}};
            error_log {{Path.Combine(work, "error.log")}} warn;
            events { worker_connections 64; }
            http {
              access_log {{Path.Combine(work, "access.log")}};
              client_body_temp_path {{Path.Combine(work, "client_body")}};
              proxy_temp_path {{Path.Combine(work, "proxy")}};
              fastcgi_temp_path {{Path.Combine(work, "fastcgi")}};
              uwsgi_temp_path {{Path.Combine(work, "uwsgi")}};
              scgi_temp_path {{Path.Combine(work, "scgi")}};
              server {
                listen 127.0.0.1:{{port}};
                root {{appRoot}};
            {{Location("")}}
              }
              server {
                listen 127.0.0.1:{{remotePort}};
                root {{appRoot}};
            {{Location($"\n      fastcgi_param REMOTE_ADDR {RemoteClient};")}}
              }
            }
            """);
        return config;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
