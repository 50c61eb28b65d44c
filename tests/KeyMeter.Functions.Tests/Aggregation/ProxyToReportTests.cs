using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Budgets;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>Proxied calls all the way to the reports, and the budget counters agreeing with the aggregates.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyToReportTests(AzuriteFixture azurite)
{
    private const string Body = """{"model":"gpt-5","max_completion_tokens":1000,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task ProxiedCalls_KeyDailyReportAndBudgetCounterAgreeWithTheRecords()
    {
        await using var harness = await ProxyHarness.StartWithPipelineAsync(azurite);
        var key = await harness.CreateKeyAsync("agree", daily: 50m);
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Authorization", "Bearer " + key.Secret);
            using var response = await harness.App.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var records = await harness.Usage.WaitForAsync(4);
        var today = DateOnly.FromDateTime(records[0].StartedAt.UtcDateTime);
        await AggregatesProbe.WaitForRequestsAsync(harness.App, AggregateKeys.Partition(today), 4);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var report = await harness.App.Client.SendAsync(Hosting.RunningApp.Request(HttpMethod.Get, $"/reports/keys/{key.Key.Id}/daily?from={day}&to={day}"));
        using var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
        var counter = await harness.App.App.Services.GetRequiredService<IBudgetCounterStore>().GetAsync(key.Key.Id, BudgetWindow.Containing(BudgetPeriod.Daily, records[0].StartedAt).Key, CancellationToken.None);

        var recorded = records.Sum(record => record.CostUsd!.Value);
        Assert.True(recorded > 0m);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(4, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
        Assert.Equal(recorded, json.RootElement.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(recorded, counter!.Counter.Settled);
    }
}
