using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Telemetry.Otlp;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Telemetry;

/// <summary>Agents' OTLP metric exports posted to <c>/otlp/v1/metrics</c>, stored as agent facts in Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OtlpMetricsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly ExportDay = new(2025, 12, 3);
    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/otlp/v1/metrics") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await _harness.App.Client.SendAsync(request);
    }

    private Task<IReadOnlyList<AgentFact>> FactsAsync() =>
        _harness.App.App.Services.GetRequiredService<IAgentFactStore>().LoadAsync(ExportDay, ExportDay, CancellationToken.None);

    [Fact]
    public async Task ClaudeCodeJsonTwiceThenANewInterval_FactsOfTheKeysOwnerCountedOnceEach()
    {
        var key = await _harness.CreateKeyAsync();
        var session = "metrics-" + Guid.NewGuid().ToString("N");

        for (var i = 0; i < 2; i++)
        {
            using var response = await PostAsync(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson(session)), "application/json", key.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("partialSuccess", out _));
        }

        using (var next = await PostAsync(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson(session, added: 10, removed: 0, time: "1764752460000000000")), "application/json", key.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        var mine = (await FactsAsync()).Where(fact => fact.Developer == key.Key.OwnerEmail && fact.Agent == CodingAgents.ClaudeCode).ToList();
        var byName = mine.GroupBy(fact => fact.Name).ToDictionary(group => group.Key, group => group.Sum(fact => fact.Value));
        Assert.Equal(130m, byName[AgentFactNames.LinesAdded]);
        Assert.Equal(30m, byName[AgentFactNames.LinesRemoved]);
        Assert.Equal(2m, byName[AgentFactNames.Commits]);
        Assert.Equal(191m, byName[AgentFactNames.ActiveSeconds]);
    }

    [Fact]
    public async Task GeminiProtobufCumulative_LastRunningTotalOfTheDayKept()
    {
        var key = await _harness.CreateKeyAsync("gemini");

        using (var first = await PostAsync(AgentExports.GeminiMetricsProtobuf(40), "application/x-protobuf", key.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("application/x-protobuf", first.Content.Headers.ContentType?.MediaType);
            Assert.Null(ExportMetricsServiceResponse.Parser.ParseFrom(await first.Content.ReadAsByteArrayAsync()).PartialSuccess);
        }

        using (var second = await PostAsync(AgentExports.GeminiMetricsProtobuf(75, time: "1764752460000000000"), "application/x-protobuf", key.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var fact = Assert.Single(await FactsAsync(), fact => fact.Agent == CodingAgents.GeminiCli && fact.Developer == key.Key.OwnerEmail);
        Assert.Equal((AgentFactNames.LinesAdded, 75m, AgentFactKind.Cumulative), (fact.Name, fact.Value, fact.Kind));
    }

    [Fact]
    public async Task UnreadablePayloadWrongKeyNegativeValue_400_401_AndPartialSuccess()
    {
        var key = await _harness.CreateKeyAsync("bad");
        const string negative = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"claude_code.commit.count","sum":{"aggregationTemporality":1,"dataPoints":[
              {"timeUnixNano":"1764752400000000000","asInt":"-3"}]}}]}]}]}
            """;

        using var unreadable = await PostAsync(Encoding.UTF8.GetBytes("{\"resourceMetrics\":7}"), "application/json", key.Secret);
        using var unknown = await PostAsync(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson()), "application/json", "km_" + new string('0', 40));
        using var partial = await PostAsync(Encoding.UTF8.GetBytes(negative), "application/json", key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("resourceMetrics", JsonDocument.Parse(await unreadable.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var success = JsonDocument.Parse(await partial.Content.ReadAsStringAsync()).RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", success.GetProperty("rejectedDataPoints").GetString());
        Assert.DoesNotContain(await FactsAsync(), fact => fact.Developer == key.Key.OwnerEmail);
    }
}
