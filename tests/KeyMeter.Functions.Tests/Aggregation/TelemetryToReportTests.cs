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

/// <summary>Agents' telemetry all the way through the usage queue and the aggregator to the summary by source.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TelemetryToReportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ExportsRepeated_EachCallCountedOnceAndExactInTheSummaryBySource()
    {
        await using var harness = await ProxyHarness.StartWithPipelineAsync(azurite);
        var key = await harness.CreateKeyAsync("agents");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var time = AgentExports.NanosOf(at);

        // The same Claude Code export three times (an exporter retrying), and one Gemini CLI export in protobuf.
        for (var i = 0; i < 3; i++)
        {
            await OtlpExporter.ExportAsync(harness, Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson(time: time)), OtlpExporter.Json, key.Secret);
        }

        await OtlpExporter.ExportAsync(harness, AgentExports.GeminiProtobuf(time), OtlpExporter.Protobuf, key.Secret);
        await harness.Usage.WaitForAsync(4);
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var partition = AggregateKeys.Partition(day);
        await AggregatesProbe.WaitForRequestsAsync(harness.App, partition, 2);

        // Any redelivery still on its way would show by now; it must not count.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await AggregatesProbe.MonthTotalAsync(harness.App, partition)).Requests);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, $"/reports/summary?from={date}&to={date}&groupBy=source"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(group => group.GetProperty("value").GetString()!);
        Assert.Equal(0.02535m, groups["claude-code"].GetProperty("costUsd").GetDecimal());
        Assert.Equal(1, groups["claude-code"].GetProperty("requests").GetInt64());
        Assert.Equal(0.01775m, groups["gemini-cli"].GetProperty("costUsd").GetDecimal());
        Assert.Equal(1, groups["gemini-cli"].GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task LogsAndMetrics_AgentComparisonShowsSpendSessionsAndLines()
    {
        await using var harness = await ProxyHarness.StartWithPipelineAsync(azurite);
        var key = await harness.CreateKeyAsync("compare");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var time = AgentExports.NanosOf(at);

        await OtlpExporter.ExportAsync(harness, Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeJson(sessionId: "cmp-1", time: time)), OtlpExporter.Json, key.Secret);
        await OtlpExporter.ExportAsync(harness, Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson(sessionId: "cmp-1", added: 250, start: time, time: time)), OtlpExporter.Json, key.Secret, "/otlp/v1/metrics");
        await harness.Usage.WaitForAsync(1);
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        await AggregatesProbe.WaitForRequestsAsync(harness.App, AggregateKeys.Partition(day), 1);

        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, $"/reports/agents?from={date}&to={date}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var claude = Assert.Single(json.RootElement.GetProperty("agents").EnumerateArray());
        Assert.Equal("claude-code", claude.GetProperty("agent").GetString());
        Assert.Equal(0.02535m, claude.GetProperty("spendUsd").GetDecimal());
        Assert.Equal((1, 1), (claude.GetProperty("developers").GetInt32(), claude.GetProperty("sessions").GetInt32()));
        Assert.Equal((250m, 1m), (claude.GetProperty("linesAdded").GetDecimal(), claude.GetProperty("commits").GetDecimal()));
        Assert.Equal(0.01014m, claude.GetProperty("spendPer100Lines").GetDecimal());
        Assert.Equal(0.0123m, claude.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(30000m / 33200m, claude.GetProperty("cacheHitRate").GetDecimal(), 4);
    }
}
