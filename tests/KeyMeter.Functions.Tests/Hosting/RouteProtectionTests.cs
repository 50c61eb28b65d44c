using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.Aggregation;
using KeyMeter.Functions.Tests.CustomHandler;
using KeyMeter.Testing;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// Every route outside the proxy takes the function key in local mode, and no web page of another site can reach a
/// route that changes state: over real Kestrel, with requests shaped the way a browser sends them.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class RouteProtectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string EvilOrigin = "https://evil.example";
    private RunningApp _app = null!;

    public static TheoryData<string> PayloadFunctions { get; } =
        ["usage-aggregate", "alert-notify", "usage-retention", "usage-outbox", "cursor-poll", "cursor-members", "cursor-daily-usage", "digest-daily", "digest-weekly"];

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite, configure: null, "--KeyMeter:Cursor:Enabled=false");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(PayloadFunctions))]
    public async Task PayloadRoute_WithoutKey_401(string function)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Post, "/" + function, HostFixtures.ReadText("timer.json"), withKey: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PayloadRoute_BrowserTextPlainPostFromAnotherSite_403AndNothingCounted(bool withKey)
    {
        // What <form enctype="text/plain"> or fetch(..., {mode: "no-cors", body}) sends: no preflight.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/usage-aggregate") { Content = new StringContent(UsagePayload("px_csrf_1"), Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", EvilOrigin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "no-cors");
        if (withKey)
        {
            request.Headers.Add(LocalFunctionKey.HeaderName, RunningApp.FunctionKey);
        }

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-origin request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await AggregatesProbe.MonthTotalAsync(_app, "2026-11")).Requests);
    }

    [Fact]
    public async Task PayloadRoute_TextPlainWithKeyAndNoOrigin_415AndNothingCounted()
    {
        using var response = await _app.PostPayloadAsync("/usage-aggregate", new StringContent(UsagePayload("px_plain_1"), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, (await AggregatesProbe.MonthTotalAsync(_app, "2026-11")).Requests);
    }

    [Fact]
    public async Task PayloadRoute_JsonWithKey_Counted()
    {
        using var response = await _app.PostPayloadAsync("/usage-aggregate", new StringContent(UsagePayload("px_ok_1"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await AggregatesProbe.MonthTotalAsync(_app, "2026-11")).Requests);
    }

    [Theory]
    [InlineData("Origin", EvilOrigin)]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://127.0.0.1.evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task ManageRoutes_StateChangeFromAPage_403AndNothingChanged(string header, string value)
    {
        var requests = new[]
        {
            RunningApp.Request(HttpMethod.Post, "/manage/keys", """{"name":"csrf","ownerEmail":"eve@example.com"}"""),
            RunningApp.Request(HttpMethod.Put, "/manage/teams/eve%40example.com", """{"team":"red"}"""),
            RunningApp.Request(HttpMethod.Post, "/manage/deadletters/usage/replay"),
            RunningApp.Request(HttpMethod.Delete, "/manage/keys/key_0123456789abcdef0123"),
        };

        foreach (var request in requests)
        {
            using (request)
            {
                request.Headers.Add(header, value);
                using var response = await _app.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        using var keys = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/keys"));
        Assert.Equal("[]", await keys.Content.ReadAsStringAsync());
        using var team = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/teams/eve%40example.com"));
        Assert.Equal(HttpStatusCode.NotFound, team.StatusCode);
    }

    [Fact]
    public async Task ManageRoutes_PostFromTheAppsOwnOrigin_Accepted()
    {
        using var request = RunningApp.Request(HttpMethod.Post, "/manage/keys", """{"name":"own","ownerEmail":"own@example.com"}""");
        request.Headers.Add("Origin", _app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task ManageRoutes_JsonBodySentAsAnotherType_415(string contentType)
    {
        using var request = RunningApp.Request(HttpMethod.Post, "/manage/keys");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"typed","ownerEmail":"t@example.com"}"""));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var keys = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/keys"));
        Assert.Equal("[]", await keys.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/anthropic/v1/messages")]
    public async Task ProxyRoutes_CrossOriginPost_LeftToTheProxy(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"model":"gpt-5","messages":[]}""", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", EvilOrigin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Authorization", "Bearer km_not_a_key");

        using var response = await _app.Client.SendAsync(request);

        // The proxy's own answer in the provider's error shape, not the guard's 403 problem.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReadOnlyRoutes_CrossOriginGet_NotRefusedByTheGuard()
    {
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        dashboard.Headers.Add("Origin", EvilOrigin);
        using var report = RunningApp.Request(HttpMethod.Get, "/reports/budgets");
        report.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var page = await _app.Client.SendAsync(dashboard);
        using var budgets = await _app.Client.SendAsync(report);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, budgets.StatusCode);
    }

    [Fact]
    public async Task UnderFunctionsHost_CrossOriginPostToManage_403()
    {
        var port = AzuriteFixture.FreePort();
        string[] args =
        [
            $"--{HostingMode.PortVariable}={port}",
            "--KeyMeter:Storage:ConnectionString=" + azurite.Azurite.ConnectionString,
            "--KeyMeter:Storage:TablePrefix=" + _app.TablePrefix,
            "--KeyMeter:ServiceBus:FullyQualifiedNamespace=sb-test.servicebus.windows.net",
        ];
        await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/manage/keys") { Content = new StringContent("""{"name":"csrf","ownerEmail":"eve@example.com"}""", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", EvilOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await app.StopAsync();
    }

    /// <summary>A <c>cardinality: many</c> invocation with one November 2026 usage record, as the host sends it.</summary>
    private static string UsagePayload(string id)
    {
        var body = JsonSerializer.Serialize(Record(id), UsageRecordJsonContext.Default.UsageRecord);
        return JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = JsonSerializer.Serialize(new[] { body }) },
            ["Metadata"] = new() { ["MessageIdArray"] = JsonSerializer.Serialize(new[] { id }), ["DeliveryCountArray"] = "[1]" },
        });
    }
}
