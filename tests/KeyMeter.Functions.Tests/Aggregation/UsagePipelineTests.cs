using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>The <c>usage</c> queue to the <c>usage-aggregate</c> function to the reports, in local mode on real Kestrel.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UsagePipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UsageQueue_RecordsOfManyKeys_SummaryByKeyAddsUpToTheCent()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var records = Many(150, keys: 12, seed: 31).Where(record => record.StartedAt.Month == 11).ToList();

        await app.App.Services.GetRequiredService<IQueueSender>().SendAsync(QueueUsageSink.QueueName, [.. records.Select(QueueUsageSink.ToMessage)], CancellationToken.None);
        await AggregatesProbe.WaitForRequestsAsync(app, "2026-11", records.Count);
        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(records.Sum(record => record.CostUsd ?? 0m), json.RootElement.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(records.Count, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(group => group.GetProperty("value").GetString()!, group => group.GetProperty("costUsd").GetDecimal());
        foreach (var key in records.GroupBy(record => record.KeyId))
        {
            Assert.Equal(key.Sum(record => record.CostUsd ?? 0m), groups[key.Key]);
        }
    }

    [Fact]
    public async Task UsageAggregate_SameBatchPostedThreeTimes_CountedOnce()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var records = Many(40, keys: 5, seed: 2).Where(record => record.StartedAt.Month == 11).ToList();

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            using var response = await app.PostPayloadAsync("/usage-aggregate", Payload(records, delivery));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        Assert.Equal(records.Count, total.Requests);
        Assert.Equal(records.Sum(record => record.CostUsd ?? 0m), total.CostUsd);
    }

    [Fact]
    public async Task UsageAggregate_UnreadableRecordsInBatch_KeptAsPoisonAndTheRestCounted()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var good = Record("px_good");
        var bad = Record("px/bad");
        var bodies = new[] { Body(good), Body(bad), "{not json" };

        using var response = await app.PostPayloadAsync("/usage-aggregate", Payload(bodies, ["px_good", "px/bad", "garbage-1"], 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await AggregatesProbe.MonthTotalAsync(app, "2026-11")).Requests);
        var poison = await (await new TableProvider(azurite.Service, app.TablePrefix).GetAsync("poison", CancellationToken.None))
            .QueryAsync(new KeyMeter.Adapters.Tables.TableQuery(), CancellationToken.None).ToListAsync();
        Assert.Equal(["garbage-1", "px/bad"], poison.Select(row => row.GetString("MessageId")).Order(StringComparer.Ordinal));
        Assert.All(poison, row => Assert.False(string.IsNullOrEmpty(row.GetString("Reason"))));
        Assert.Contains(app.Logs.Lines, line => line.Message.Contains("garbage-1", StringComparison.Ordinal) && line.Message.Contains("poison", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageAggregate_BodyThatIsNotText_KeptAsPoisonAndTheRestCounted()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        // The second body is an escaped lone surrogate: valid JSON, but no .NET string, so it can never be read.
        var bodies = JsonSerializer.Serialize(new[] { Body(Record("px_fine")), "PLACEHOLDER" }).Replace("PLACEHOLDER", "\\ud800", StringComparison.Ordinal);
        var payload = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = bodies },
            ["Metadata"] = new() { ["MessageIdArray"] = """["px_fine","px_surrogate"]""", ["DeliveryCountArray"] = "[1,1]" },
        });

        using var response = await app.PostPayloadAsync("/usage-aggregate", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await AggregatesProbe.MonthTotalAsync(app, "2026-11")).Requests);
        var poison = await (await new TableProvider(azurite.Service, app.TablePrefix).GetAsync("poison", CancellationToken.None))
            .QueryAsync(new KeyMeter.Adapters.Tables.TableQuery(), CancellationToken.None).ToListAsync();
        var row = Assert.Single(poison);
        Assert.Equal("px_surrogate", row.GetString("MessageId"));
        Assert.Contains("not valid text", row.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageAggregate_PayloadNotUtf8_Answers400AndCountsNothing()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var text = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = JsonSerializer.Serialize(new[] { Body(Record("px_fine")), "XX" }) },
            ["Metadata"] = new() { ["MessageIdArray"] = """["px_fine","px_bytes"]""", ["DeliveryCountArray"] = "[1,1]" },
        });
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = text.IndexOf("XX", StringComparison.Ordinal);
        (bytes[at], bytes[at + 1]) = (0xC3, 0x28);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await app.PostPayloadAsync("/usage-aggregate", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await AggregatesProbe.MonthTotalAsync(app, "2026-11")).Requests);
    }

    [Fact]
    public async Task UsageAggregate_StorageUnavailable_Answers500SoTheHostRedelivers()
    {
        await using var app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateStore>(new UnavailableAggregateStore()));

        using var response = await app.PostPayloadAsync("/usage-aggregate", Payload([Record("px_1")], 1));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("redelivered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageAggregate_NotABatchPayload_Answers400()
    {
        await using var app = await RunningApp.StartAsync(azurite);

        using var response = await app.PostPayloadAsync("/usage-aggregate", new StringContent("""{"Data":{"messages":"\"just one\""},"Metadata":{}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UsageQueue_ConsumerFailsAfterCommittingPartOfABatch_RedeliveryCountsEverythingOnce()
    {
        var dying = new DieOnceAfterCommit(dieAfter: 2);
        await using var app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateStore>(services => dying.Wrap(services)));
        // Many keys with their own developers and tags, so one batch needs several transactions.
        var records = Enumerable.Range(0, 90).Select(i => Record(
            $"px_kill_{i:d3}",
            keyId: "key_" + i.ToString("x20", System.Globalization.CultureInfo.InvariantCulture),
            owner: $"dev{i}@example.com",
            tags: new Dictionary<string, string> { ["team"] = "t" + i, ["project"] = "p" + i })).ToList();

        await app.App.Services.GetRequiredService<IQueueSender>().SendAsync(QueueUsageSink.QueueName, [.. records.Select(QueueUsageSink.ToMessage)], CancellationToken.None);
        var total = await AggregatesProbe.WaitForRequestsAsync(app, "2026-11", records.Count);
        await Task.Delay(300);

        Assert.True(dying.Died);
        total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        Assert.Equal(records.Count, total.Requests);
        Assert.Equal(records.Sum(record => record.CostUsd ?? 0m), total.CostUsd);
    }

    private static string Body(UsageRecord record) => JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord);

    private static StringContent Payload(IReadOnlyList<UsageRecord> records, int deliveryCount) =>
        Payload([.. records.Select(Body)], [.. records.Select(record => record.Id)], deliveryCount);

    /// <summary>A <c>cardinality: many</c> invocation as the host sends it: arrays inside JSON strings (https://github.com/Azure/azure-functions-host/issues/5815).</summary>
    private static StringContent Payload(IReadOnlyList<string> bodies, IReadOnlyList<string> ids, int deliveryCount)
    {
        var payload = new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = JsonSerializer.Serialize(bodies) },
            ["Metadata"] = new()
            {
                ["MessageIdArray"] = JsonSerializer.Serialize(ids),
                ["DeliveryCountArray"] = JsonSerializer.Serialize(ids.Select(_ => deliveryCount)),
            },
        };
        return new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
    }
}
