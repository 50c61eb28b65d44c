using System.Net;
using System.Text.Json;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>No record stops the pipeline: one out of its bounds is poison, and a row damaged before bounds existed does not block its month.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class RecordBoundsPipelineTests(AzuriteFixture azurite)
{
    private const string KeyId = "key_0123456789abcdef0123";

    private static List<UsageRecord> November(int count, int seed) =>
        [.. Many(count, keys: 6, seed: seed).Where(record => record.StartedAt.Month == 11)];

    [Fact]
    public async Task UsageAggregate_RecordWithInputTokensOfLongMaxValue_KeptAsPoisonAndItsMonthKeepsCounting()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var huge = Record("px_huge", KeyId) with { Tokens = new TokenUsage(long.MaxValue, 0, 0, 0, 0, 0) };
        var first = November(30, seed: 51);
        var later = November(30, seed: 52);

        using var withHuge = await app.Client.SendAsync(UsageAggregatePayload.Post([.. first, huge], deliveryCount: 1));
        using var afterIt = await app.Client.SendAsync(UsageAggregatePayload.Post(later, deliveryCount: 1));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (withHuge.StatusCode, afterIt.StatusCode));
        var total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        Assert.Equal(first.Count + later.Count, total.Requests);
        Assert.Equal(first.Concat(later).Sum(record => record.Tokens.InputTokens), total.InputTokens);
        var poison = await (await new TableProvider(azurite.Service, app.TablePrefix).GetAsync("poison", CancellationToken.None))
            .QueryAsync(new KeyMeter.Adapters.Tables.TableQuery(), CancellationToken.None).ToListAsync();
        var kept = Assert.Single(poison);
        Assert.Equal("px_huge", kept.GetString("MessageId"));
        Assert.Contains("tokens.inputTokens", kept.GetString("Reason"), StringComparison.Ordinal);
        Assert.DoesNotContain("9223372036854775807", kept.GetString("Reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Message.Contains("9223372036854775807", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageAggregate_MonthRowDamagedNearLongMaxValue_LaterRecordsOfTheMonthAreCountedAndReportsAnswer()
    {
        // What the code before record bounds left in storage after counting one record of 2^63 - 1 input tokens.
        await using var app = await RunningApp.StartAsync(azurite);
        var aggregates = await new TableProvider(azurite.Service, app.TablePrefix).GetAsync(AggregateKeys.TableName, CancellationToken.None);
        var damaged = AggregateRow.Monthly("2026-11", AggregateDimension.Organisation, 0);
        damaged.Add("all", AggregateCounters.Zero with { Requests = 1, InputTokens = long.MaxValue - 100 });
        await aggregates.InsertAsync(AggregateRowEntity.ToEntity(damaged), CancellationToken.None);
        var records = November(60, seed: 53);

        using var response = await app.Client.SendAsync(UsageAggregatePayload.Post(records, deliveryCount: 1));
        using var byTeam = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=team"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byTeam.StatusCode);
        using var json = JsonDocument.Parse(await byTeam.Content.ReadAsStringAsync());
        Assert.Equal(records.Count, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
        Assert.Equal(records.Sum(record => record.Tokens.InputTokens), json.RootElement.GetProperty("total").GetProperty("inputTokens").GetInt64());
        Assert.Contains(app.Logs.Lines, line => line.EventId == 1451 && line.Message.Contains(damaged.RowKey, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.EventId == 1420 && line.Message.Contains($"{records.Count} counted", StringComparison.Ordinal));
    }
}
