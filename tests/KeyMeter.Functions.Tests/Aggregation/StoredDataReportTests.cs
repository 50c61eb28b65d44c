using System.Net;
using System.Text.Json;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>Reports over aggregate rows written straight into Azurite, damaged in every way stored data can be: never a 500.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class StoredDataReportTests(AzuriteFixture azurite)
{
    private const string KeyId = "key_0123456789abcdef0123";

    private static readonly DateOnly Day20 = new(2026, 11, 20);

    public static TheoryData<string> Routes =>
    [
        "/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=key",
        "/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=team",
        "/reports/summary?from=2026-11-15&to=2026-11-25&groupBy=day",
        "/reports/summary?from=2026-11-15&to=2026-11-25&groupBy=developer",
        "/reports/keys/key_0123456789abcdef0123/daily?from=2026-11-15&to=2026-11-25",
        "/reports/daily?from=2026-11-15&to=2026-11-25&groupBy=model",
        "/reports/daily?from=2026-11-15&to=2026-11-25&groupBy=developer",
        "/reports/budgets?day=2026-11-20",
        "/reports/export.csv?from=2026-11-15&to=2026-11-25",
        "/reports/export.focus.csv?from=2026-11-15&to=2026-11-25",
        "/reports/reconciliation?from=2026-11-15&to=2026-11-25",
        "/reports/digest?period=daily&date=2026-11-20",
        "/reports/digest?period=weekly&date=2026-11-20",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Report_DamagedRowsBesideGoodOnes_AnswersFromTheGoodRowsAndLogsTheRest(string route)
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var records = new[]
        {
            Record("px_a", owner: "a@example.com", startedAt: new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
            Record("px_b", owner: "b@example.com", startedAt: new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero)),
        };
        using var counted = await app.Client.SendAsync(UsageAggregatePayload.Post(records, deliveryCount: 1));
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        var aggregates = await new TableProvider(azurite.Service, app.TablePrefix).GetAsync(AggregateKeys.TableName, CancellationToken.None);
        foreach (var entity in DamagedRows())
        {
            await aggregates.InsertAsync(entity, CancellationToken.None);
        }

        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, route));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {(int)response.StatusCode}: {body}");
        Assert.Contains(app.Logs.Lines, line => line.EventId is 1450 or 1451);
        if (route.Contains("summary", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body);
            Assert.Equal(2, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
        }
    }

    [Fact]
    public async Task Summary_StoredRowsAddingUpBeyondALong_Answers422ProblemDetailsAndLogsIt()
    {
        // Each entry is inside the stored bounds; 1,100 of them in one row add up beyond what a long holds.
        await using var app = await RunningApp.StartAsync(azurite);
        var row = AggregateRow.Monthly("2026-11", AggregateDimension.Key, 1);
        for (var i = 0; i < 1_100; i++)
        {
            row.Add("key_" + i.ToString("x20", System.Globalization.CultureInfo.InvariantCulture), AggregateCounters.Zero with { Requests = 1, InputTokens = AggregateCounters.MaxCount });
        }

        var aggregates = await new TableProvider(azurite.Service, app.TablePrefix).GetAsync(AggregateKeys.TableName, CancellationToken.None);
        await aggregates.InsertAsync(AggregateRowEntity.ToEntity(row), CancellationToken.None);

        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=key"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The report cannot be computed", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains(app.Logs.Lines, line => line.EventId == 6002);
    }

    /// <summary>Rows a bug, a hand edit or the code before bounds could have left: each is skipped when read.</summary>
    private static IEnumerable<TableEntity> DamagedRows()
    {
        // JSON that is not an encoded row.
        var notJson = AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Key, AggregateKeys.Bucket(KeyId, AggregateDimension.Key), shard: 3), KeyId, 1));
        notJson[AggregateRowCodec.ChunkProperty(0)] = "{not json";
        yield return notJson;

        // A period that is no day at all, under a row key of a real day.
        var badPeriod = AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Model, 0, shard: 4), "gpt-5", 1));
        badPeriod[AggregateRowEntity.PeriodProperty] = "2026-13-45";
        yield return badPeriod;

        // A bucket the dimension does not have.
        var badBucket = AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Developer, 0, shard: 5), "a@example.com", 1));
        badBucket[AggregateRowEntity.BucketProperty] = 99;
        yield return badBucket;

        // Counts near long.MaxValue in a billing line and in a developer's day: sums with them would overflow.
        var line = new LineItem(UsageSources.Proxy, "anthropic", "claude-sonnet-4-5", KeyId, "a@example.com", []).Encode();
        yield return AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Line, 2, shard: 6), line, long.MaxValue - 1));
        yield return AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Developer, 1, shard: 6), "b@example.com", long.MaxValue - 1));
        yield return AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Organisation, 0, shard: 6), "all", long.MaxValue - 1));
        yield return AggregateRowEntity.ToEntity(Row(AggregateRow.Monthly("2026-11", AggregateDimension.Key, 2, shard: 6), KeyId, long.MaxValue - 1));
        yield return AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.DeveloperHour, 3, shard: 6), "a@example.com|09", long.MaxValue - 1));

        // A shard suffix this version never writes.
        var badShard = AggregateRowEntity.ToEntity(Row(AggregateRow.Daily(Day20, AggregateDimension.Source, 0), "proxy", 1));
        yield return Rekeyed(badShard, AggregateKeys.DailyRow(Day20, AggregateDimension.Source, 0) + "|s99");
    }

    private static AggregateRow Row(AggregateRow row, string value, long requestsAndTokens)
    {
        row.Add(value, AggregateCounters.Zero with { Requests = requestsAndTokens, InputTokens = requestsAndTokens, OutputTokens = requestsAndTokens, CostUsd = 1m });
        return row;
    }

    private static TableEntity Rekeyed(TableEntity entity, string rowKey)
    {
        var copy = new TableEntity(entity.PartitionKey, rowKey);
        foreach (var name in new[] { AggregateRowEntity.DimensionProperty, AggregateRowEntity.PeriodProperty, AggregateRowEntity.BucketProperty, AggregateRowEntity.CountProperty, AggregateRowCodec.ChunkProperty(0) })
        {
            copy[name] = entity[name];
        }

        return copy;
    }
}
