using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Functions.Tests.Telemetry;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// Claude Code pointed at the proxy (<c>ANTHROPIC_BASE_URL</c>) and exporting telemetry: each call is seen twice and
/// must count once, under the proxy's own reading; a session that never went through the proxy counts from telemetry.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxiedTelemetryTests(AzuriteFixture azurite)
{
    private const string ProxiedSession = "7f1f8e0a-3c55-4a8e-9d3e-2b7f7f0c6a11";
    private const string DirectSession = "0b9d6a42-1111-4c3b-8f00-5d5d5d5d5d5d";

    [Fact]
    public async Task ClaudeCodeThroughTheProxy_CountedOnceAndItsSessionReported()
    {
        await using var harness = await ProxyHarness.StartWithPipelineAsync(azurite);
        var key = await harness.CreateKeyAsync("claude-code");

        // 1. Claude Code's call through the proxy: its User-Agent, session header and metadata, as it sends them.
        using (var call = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages"))
        {
            call.Headers.TryAddWithoutValidation("User-Agent", "claude-cli/2.1.90 (external, cli)");
            call.Headers.Add("x-api-key", key.Secret);
            call.Headers.Add("anthropic-version", "2023-06-01");
            call.Headers.Add("X-Claude-Code-Session-Id", ProxiedSession);
            var userId = JsonSerializer.Serialize(new { device_id = "d3adb33f", account_uuid = string.Empty, session_id = ProxiedSession });
            call.Content = new StringContent(
                JsonSerializer.Serialize(new { model = "claude-sonnet-4-5", max_tokens = 256, metadata = new { user_id = userId }, messages = new[] { new { role = "user", content = "fix the build" } } }),
                Encoding.UTF8,
                "application/json");
            using var answer = await harness.App.Client.SendAsync(call);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // 2. Its telemetry of the same call (same session), then a call of another session that did not go through KeyMeter.
        var at = DateTimeOffset.UtcNow;
        await OtlpExporter.ExportAsync(harness, Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson(sessionId: ProxiedSession, input: 50, output: 20, time: AgentExports.NanosOf(at))), OtlpExporter.Json, key.Secret);
        await OtlpExporter.ExportAsync(harness, Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson(sessionId: DirectSession, time: AgentExports.NanosOf(at.AddSeconds(1)))), OtlpExporter.Json, key.Secret);

        var records = await harness.Usage.WaitForAsync(2);
        var proxied = Assert.Single(records, record => record.Source == "proxy");
        Assert.Equal(("claude-code", ProxiedSession), (proxied.Agent, proxied.SessionId));
        Assert.Equal(DirectSession, Assert.Single(records, record => record.Source == "claude-code").SessionId);

        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var partition = AggregateKeys.Partition(day);
        await AggregatesProbe.WaitForRequestsAsync(harness.App, partition, 2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await AggregatesProbe.MonthTotalAsync(harness.App, partition)).Requests);

        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var summary = await GetJsonAsync(harness, $"/reports/summary?from={date}&to={date}&groupBy=source");
        var groups = summary.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(group => group.GetProperty("value").GetString()!);
        Assert.Equal(1, groups["proxy"].GetProperty("requests").GetInt64());
        Assert.Equal(proxied.CostUsd, groups["proxy"].GetProperty("costUsd").GetDecimal());
        Assert.Equal(1, groups["claude-code"].GetProperty("requests").GetInt64());

        // 3. Both sessions in the sessions report, most expensive first, each with its agent, model and span.
        using var sessions = await GetJsonAsync(harness, $"/reports/sessions?from={date}&to={date}&developer={Uri.EscapeDataString(key.Key.OwnerEmail)}&agent=claude-code");
        Assert.Equal(2, sessions.RootElement.GetProperty("total").GetInt32());
        var listed = sessions.RootElement.GetProperty("sessions").EnumerateArray().ToDictionary(session => session.GetProperty("id").GetString()!);
        Assert.Equal(1, listed[ProxiedSession].GetProperty("requests").GetInt64());
        Assert.True(listed[ProxiedSession].GetProperty("named").GetBoolean());
        Assert.Equal("claude-code", listed[ProxiedSession].GetProperty("agent").GetString());
        Assert.Equal(proxied.CostUsd, listed[ProxiedSession].GetProperty("costUsd").GetDecimal());
        Assert.Equal(0.02535m, listed[DirectSession].GetProperty("costUsd").GetDecimal());
        Assert.Equal(["claude-sonnet-4-5-20250929"], listed[DirectSession].GetProperty("models").EnumerateArray().Select(model => model.GetString()));
    }

    [Fact]
    public async Task SessionsReport_BadFilters_Are400NamingTheParameter()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);

        using var response = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/sessions?agent=vim&limit=0"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("agent", body, StringComparison.Ordinal);
        Assert.Contains("limit", body, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> GetJsonAsync(ProxyHarness harness, string path)
    {
        using var response = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
