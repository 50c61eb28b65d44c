using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Telemetry.Otlp;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Telemetry;

/// <summary>Agents' OTLP exports posted to <c>/otlp/v1/logs</c> the way their exporters send them.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OtlpIngestionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Telemetry:MaxBodyBytes=65536", "--KeyMeter:Telemetry:MaxInflatedBytes=131072");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? secret, bool gzip = false, string path = "/otlp/v1/logs")
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await _harness.App.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string json, string? secret) => PostAsync(Encoding.UTF8.GetBytes(json), "application/json", secret);

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task ClaudeCodeJson_OneRecordForTheKeysOwnerPricedByKeyMeter()
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostJsonAsync(AgentExports.ClaudeCodeJson(), key.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{ }", await response.Content.ReadAsStringAsync());
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal((UsageSources.ClaudeCode, "anthropic", "claude-sonnet-4-5-20250929", ApiFormat.AnthropicMessages), (record.Source, record.Provider, record.Model, record.Api));

        // The key's owner, never the user.email the event carries.
        Assert.Equal((key.Key.Id, "dev@example.com", "platform"), (record.KeyId, record.OwnerEmail, record.Tags["team"]));
        Assert.Equal(new TokenUsage(1200, 30000, 2000, 0, 350, 0), record.Tokens);

        // (1,200 × 3 + 30,000 × 0.3 + 2,000 × 3.75 + 350 × 15) / 1M at claude-sonnet-4-5's prices.
        Assert.Equal(0.02535m, record.CostUsd);
        Assert.Equal(new DateTimeOffset(2025, 12, 3, 9, 0, 0, TimeSpan.Zero), record.StartedAt);
        Assert.False(record.Unpriced);
    }

    [Fact]
    public async Task SamePayloadThreeTimes_SameRecordId()
    {
        var key = await _harness.CreateKeyAsync();

        for (var i = 0; i < 3; i++)
        {
            using var response = await PostJsonAsync(AgentExports.ClaudeCodeJson(), key.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Three deliveries, one call: the aggregator counts a record id once (its marker row).
        var records = await _harness.Usage.WaitForAsync(3);
        Assert.Single(records.Select(record => record.Id).Distinct());
        Assert.StartsWith("tm_", records[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeminiProtobufGzip_ProtobufAnswerAndExactRecord()
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostAsync(AgentExports.GeminiProtobuf(), "application/x-protobuf", key.Secret, gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType!.MediaType);
        Assert.Null(ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).PartialSuccess);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal((UsageSources.GeminiCli, "google", "gemini-2.5-pro"), (record.Source, record.Provider, record.Model));

        // (4,000 × 1.25 + 6,000 × 0.125 + 1,200 × 10) / 1M: thoughts billed as output.
        Assert.Equal(0.01775m, record.CostUsd);
    }

    [Fact]
    public async Task CodexJson_OnlyTheCompletedResponseCounts()
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostJsonAsync(AgentExports.CodexJson(), key.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal((UsageSources.Codex, "openai", "gpt-5-codex", ApiFormat.Responses), (record.Source, record.Provider, record.Model, record.Api));

        // (1,000 × 1.25 + 4,000 × 0.125 + 800 × 10) / 1M at gpt-5's prices.
        Assert.Equal(0.00975m, record.CostUsd);
    }

    [Fact]
    public async Task PromptText_NeverInARecord()
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostJsonAsync(AgentExports.ClaudeCodeJson(), key.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        var stored = JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord);
        Assert.DoesNotContain("payment module", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("someone.else", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallWithoutModel_PartialSuccessNamesIt_TheOtherCallCounts()
    {
        var key = await _harness.CreateKeyAsync();
        var json = AgentExports.ClaudeCodeJson().Replace("""{"key":"model","value":{"stringValue":"claude-sonnet-4-5-20250929"}},""", "", StringComparison.Ordinal);

        using var response = await PostJsonAsync(json, key.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = answer.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedLogRecords").GetString());
        Assert.Contains("model", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Usage.Records);
    }

    [Theory]
    [InlineData("{\"resourceLogs\":")]
    [InlineData("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"later\"}]}]}]}")]
    public async Task UnreadablePayload_400WithTheReasonAndNothingStored(string json)
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostJsonAsync(json, key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, answer.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(answer.RootElement.GetProperty("message").GetString()));
        Assert.Empty(_harness.Usage.Records);
    }

    [Fact]
    public async Task WrongOrMissingKey_401()
    {
        using var wrong = await PostJsonAsync(AgentExports.ClaudeCodeJson(), "km_" + new string('a', 40));
        using var missing = await PostJsonAsync(AgentExports.ClaudeCodeJson(), null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(_harness.Usage.Records);
    }

    [Fact]
    public async Task OversizeBodyOrInflation_413AndNothingStored()
    {
        var key = await _harness.CreateKeyAsync();
        var large = Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson() + new string(' ', 70_000));
        var bomb = Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson() + new string(' ', 200_000));

        using var tooLarge = await PostAsync(large, "application/json", key.Secret);
        using var inflatesTooMuch = await PostAsync(bomb, "application/json", key.Secret, gzip: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inflatesTooMuch.StatusCode);
        Assert.Empty(_harness.Usage.Records);
    }

    [Fact]
    public async Task OtherContentTypeOrSignal_415Or404InOtlpShape()
    {
        var key = await _harness.CreateKeyAsync();

        using var text = await PostAsync(Encoding.UTF8.GetBytes("hello"), "text/plain", key.Secret);
        using var traces = await PostAsync(Encoding.UTF8.GetBytes("{}"), "application/json", key.Secret, path: "/otlp/v1/traces");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traces.StatusCode);
        using var answer = JsonDocument.Parse(await traces.Content.ReadAsStringAsync());
        Assert.Contains("/otlp/v1/metrics", answer.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
