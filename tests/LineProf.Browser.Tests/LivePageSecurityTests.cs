using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>Who gets the live page and its API, and what every answer carries, over plain HTTP.</summary>
[TestFixture]
public sealed partial class LivePageSecurityTests
{
    private WebApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await ReportApp.StartAsync(ReportApp.OutputFolder("security"));
        Assert.That((await _app.GetAsync("/orders/1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app != null) await _app.DisposeAsync();
    }

    [TestCase("/_lineprof", "text/html")]
    [TestCase("/_lineprof/api/report", "application/json")]
    [TestCase("/_lineprof/api/view", "application/json")]
    [TestCase("/_lineprof/api/status", "application/json")]
    [TestCase("/_lineprof/lineprof.json", "application/json")]
    public async Task Every_answer_carries_a_strict_policy_and_nosniff(string path, string type)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(type));
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header(response, "Cache-Control"), Is.EqualTo("no-store"));
            Assert.That(policy, Does.StartWith("default-src 'none'").And.Contain("frame-ancestors 'none'"));
            Assert.That(policy, Does.Not.Contain("unsafe"));
            if (type == "text/html") Assert.That(policy, Does.Contain("script-src 'sha256-").And.Contain("connect-src 'self'"));
        });
    }

    [TestCase("X-Forwarded-For", "203.0.113.9")]
    [TestCase("Forwarded", "for=203.0.113.9")]
    [TestCase("X-Real-IP", "203.0.113.9")]
    [TestCase("X-Forwarded-Host", "example.com")]
    public async Task A_client_behind_a_proxy_gets_the_same_bare_404_as_a_path_that_does_not_exist(string header, string value)
    {
        using var nothing = await SendAsync(HttpMethod.Get, "/no-such-page");
        foreach (var path in new[] { "/_lineprof", "/_lineprof/api/report", "/_lineprof/api/status" })
        {
            using var refused = await SendAsync(HttpMethod.Get, path, r => r.Headers.Add(header, value));
            await AssertBare404Async(refused, nothing, path);
        }
    }

    [Test]
    public async Task A_page_of_another_site_that_resolves_to_loopback_gets_a_bare_404()
    {
        // DNS rebinding: the browser sends the attacker's host name, from 127.0.0.1.
        using var nothing = await SendAsync(HttpMethod.Get, "/no-such-page");
        using var refused = await SendAsync(HttpMethod.Get, "/_lineprof/api/report", r => r.Headers.Host = "attacker.example:" + _app.BaseAddress.Port);
        using var localhost = await SendAsync(HttpMethod.Get, "/_lineprof/api/status", r => r.Headers.Host = "localhost:" + _app.BaseAddress.Port);
        await AssertBare404Async(refused, nothing, "/_lineprof/api/report");
        Assert.That(localhost.StatusCode, Is.EqualTo(HttpStatusCode.OK), "localhost is a loopback name");
    }

    [Test]
    public async Task Reset_needs_a_POST_that_carries_the_page_token()
    {
        var page = await (await SendAsync(HttpMethod.Get, "/_lineprof")).Content.ReadAsStringAsync();
        var token = TokenInPage().Match(page).Groups[1].Value;
        Assert.That(token, Has.Length.GreaterThanOrEqualTo(40), "the page carries a long random token");

        using var get = await SendAsync(HttpMethod.Get, "/_lineprof/api/reset");
        using var noToken = await SendAsync(HttpMethod.Post, "/_lineprof/api/reset");
        using var wrongToken = await SendAsync(HttpMethod.Post, "/_lineprof/api/reset", r => r.Headers.Add("X-LineProf-Token", token[..^2] + "xx"));
        using var tokenInQuery = await SendAsync(HttpMethod.Post, "/_lineprof/api/reset?token=" + token);
        using var proxied = await SendAsync(HttpMethod.Post, "/_lineprof/api/reset", r =>
        {
            r.Headers.Add("X-LineProf-Token", token);
            r.Headers.Add("X-Forwarded-For", "203.0.113.9");
        });
        long before = await RequestCountAsync();
        using var reset = await SendAsync(HttpMethod.Post, "/_lineprof/api/reset", r => r.Headers.Add("X-LineProf-Token", token));

        Assert.Multiple(async () =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(tokenInQuery.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a form or link cannot carry it");
            Assert.That(proxied.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(before, Is.GreaterThan(0), "none of the refused attempts reset anything");
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await RequestCountAsync(), Is.Zero);
        });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage>? prepare = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_app.BaseAddress, path));
        prepare?.Invoke(request);
        return await _app.Client.SendAsync(request);
    }

    private async Task<long> RequestCountAsync()
    {
        using var status = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/_lineprof/api/status")).Content.ReadAsStringAsync());
        return status.RootElement.GetProperty("requestCount").GetInt64();
    }

    internal static async Task AssertBare404Async(HttpResponseMessage refused, HttpResponseMessage nothing, string path)
    {
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That(body, Is.Empty, path);
            Assert.That(HeaderNames(refused), Is.EquivalentTo(HeaderNames(nothing)), path + ": no header tells it apart from a missing page");
        });
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(h => h != "Date").ToArray();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex("\"token\":\"([^\"]+)\"")]
    private static partial Regex TokenInPage();
}

/// <summary>An app that lets an authorization policy decide, as the README shows, instead of the loopback rule.</summary>
[TestFixture]
public sealed class LivePageAuthorizationTests
{
    private WebApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() =>
        _app = await ReportApp.StartAsync(ReportApp.OutputFolder("authorization"), new Dictionary<string, string?> { ["REPORTAPP_AUTH"] = "policy" });

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app != null) await _app.DisposeAsync();
    }

    [Test]
    public async Task The_policy_decides_who_sees_the_page_wherever_they_come_from()
    {
        using var nothing = await SendAsync("/no-such-page", null);
        using var anonymous = await SendAsync("/_lineprof", null);
        using var user = await SendAsync("/_lineprof", "user");
        using var admin = await SendAsync("/_lineprof/api/status", "admin");
        using var proxiedAdmin = await SendAsync("/_lineprof/api/status", "admin", "203.0.113.9");

        await LivePageSecurityTests.AssertBare404Async(anonymous, nothing, "anonymous");
        await LivePageSecurityTests.AssertBare404Async(user, nothing, "a user without the role");
        Assert.Multiple(() =>
        {
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the app's authentication ran before the policy");
            Assert.That(proxiedAdmin.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the callback replaces the loopback rule");
        });
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? role, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_app.BaseAddress, path));
        if (role != null) request.Headers.Add("X-Demo-Role", role);
        if (forwardedFor != null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _app.Client.SendAsync(request);
    }
}
