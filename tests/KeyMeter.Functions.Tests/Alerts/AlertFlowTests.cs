using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Notifications;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Alerts;

/// <summary>
/// Budget alerts end to end in local mode: usage on the <c>usage</c> queue, counted by <c>usage-aggregate</c>, which
/// puts alerts on the <c>alerts</c> queue, which <c>alert-notify</c> sends through the real dispatcher and the
/// <c>deliveries</c> ledger in Azurite to a loopback Slack webhook.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AlertFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SlackPath = "/services/T0000/B0000/SECRETtoken";
    private LoopbackReceiver _slack = null!;
    private RunningApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await LoopbackReceiver.StartAsync();
        _app = await RunningApp.StartAsync(
            azurite,
            configure: null,
            "--KeyMeter:Secrets:SlackWebhookUrl=" + new Uri(_slack.BaseAddress, SlackPath).AbsoluteUri,
            "--KeyMeter:Notifications:MaxAttempts=1");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Usage_KeyCrossesThresholds_OneSlackMessagePerThreshold()
    {
        var keyId = await CreateKeyAsync("""{"daily":1}""");
        var now = DateTimeOffset.UtcNow;

        // $0.90 of $1: 50% and 80%.
        await SendUsageAsync(Record("px_a1", keyId, now, cost: 0.3m, owner: "alice@example.com"), Record("px_a2", keyId, now, cost: 0.3m, owner: "alice@example.com"), Record("px_a3", keyId, now, cost: 0.3m, owner: "alice@example.com"));
        var first = await _slack.WaitForAsync(2);
        // $0.95: no new threshold. Then $1.05: 100%.
        await SendUsageAsync(Record("px_a4", keyId, now, cost: 0.05m, owner: "alice@example.com"));
        await AggregatesSettleAsync(4);
        Assert.Equal(2, _slack.Requests.Count);
        await SendUsageAsync(Record("px_a5", keyId, now, cost: 0.1m, owner: "alice@example.com"));
        var all = await _slack.WaitForAsync(3);

        Assert.Equal(2, first.Count);
        Assert.Equal(3, all.Count);
        var texts = all.Select(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.Single(texts, text => text.Contains("reached 50% of its daily budget", StringComparison.Ordinal));
        Assert.Single(texts, text => text.Contains("reached 80% of its daily budget", StringComparison.Ordinal));
        Assert.Single(texts, text => text.Contains("used its daily budget; new calls are blocked", StringComparison.Ordinal));
        Assert.All(all, request =>
        {
            Assert.Equal(SlackPath, request.PathAndQuery);
            PayloadRules.AssertBlockKit(JsonDocument.Parse(request.Body).RootElement);
        });
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Message.Contains("SECRETtoken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AlertNotify_SameAlertDeliveredTwice_SentOnce()
    {
        var alert = NotificationTestMessages.Alert(threshold: 80);

        using var first = await _app.PostPayloadAsync("/alert-notify", Payload(alert, deliveryCount: 1));
        using var second = await _app.PostPayloadAsync("/alert-notify", Payload(alert, deliveryCount: 2));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await _slack.WaitForAsync(1));
        Assert.Contains("slack: Sent", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertNotify_SlackDown_500SoServiceBusRedeliversAndTheRedeliverySends()
    {
        _slack.Answer((503, "down"), (200, "ok"));
        var alert = NotificationTestMessages.Alert(threshold: 100);

        using var failed = await _app.PostPayloadAsync("/alert-notify", Payload(alert, deliveryCount: 1));
        using var redelivered = await _app.PostPayloadAsync("/alert-notify", Payload(alert, deliveryCount: 2));
        using var again = await _app.PostPayloadAsync("/alert-notify", Payload(alert, deliveryCount: 3));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await _slack.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task AlertNotify_NotAnAlert_KeptAsPoisonAndNothingSent()
    {
        using var response = await _app.PostPayloadAsync("/alert-notify", Payload("""{"hello":"world"}""", "msg-1", 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a budget alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _slack.WaitForAsync(0));
    }

    [Theory]
    [InlineData(9999, 12, 31, 80, "periodStart")]
    [InlineData(1, 1, 1, 80, "periodStart")]
    [InlineData(2026, 12, 2, 0, "threshold")]
    public async Task AlertNotify_AlertOutOfBounds_KeptAsPoisonAndAcknowledged(int year, int month, int day, int threshold, string field)
    {
        // Written by hand: the alert's own serialization would compute its reset time, which such a date has not.
        var json = JsonSerializer.Serialize(NotificationTestMessages.Alert(threshold), AlertJsonContext.Default.BudgetAlert)
            .Replace("\"periodStart\":\"2026-12-02\"", $"\"periodStart\":\"{year:D4}-{month:D2}-{day:D2}\"", StringComparison.Ordinal);

        using var response = await _app.PostPayloadAsync("/alert-notify", Payload(json, "alert-out-of-bounds", 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("kept as poison", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var row = Assert.Single(await PoisonRowsAsync());
        Assert.Equal(("alerts", "alert-out-of-bounds"), (row.GetString("Queue"), row.GetString("MessageId")));
        Assert.Contains(field, row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Empty(await _slack.WaitForAsync(0));
    }

    [Fact]
    public async Task AlertNotify_BodyThatIsNotText_KeptAsPoisonAndAcknowledged()
    {
        // The body string holds an escaped lone surrogate: JSON, but no .NET string.
        const string payload = """{"Data":{"message":"\"{\\\"keyId\\\":\\\"\\ud800\\\"}\""},"Metadata":{"MessageId":"\"m-surrogate\"","DeliveryCount":"1"}}""";

        using var response = await _app.PostPayloadAsync("/alert-notify", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await PoisonRowsAsync());
        Assert.Equal("m-surrogate", row.GetString("MessageId"));
    }

    private async Task<List<KeyMeter.Adapters.Tables.TableEntity>> PoisonRowsAsync() =>
        await (await new KeyMeter.Adapters.Storage.TableProvider(azurite.Service, _app.TablePrefix).GetAsync("poison", CancellationToken.None))
            .QueryAsync(new KeyMeter.Adapters.Tables.TableQuery(), CancellationToken.None).ToListAsync();

    private async Task<string> CreateKeyAsync(string budgets)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(
            HttpMethod.Post, "/manage/keys", $$"""{"name":"alice-laptop","ownerEmail":"alice@example.com","budgets":{{budgets}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString()!;
    }

    private Task SendUsageAsync(params UsageRecord[] records) =>
        _app.App.Services.GetRequiredService<IQueueSender>().SendAsync(QueueUsageSink.QueueName, [.. records.Select(QueueUsageSink.ToMessage)], CancellationToken.None);

    private Task<Core.Aggregation.AggregateCounters> AggregatesSettleAsync(long requests) =>
        Aggregation.AggregatesProbe.WaitForRequestsAsync(_app, Core.Aggregation.AggregateKeys.Partition(DateTimeOffset.UtcNow), requests);

    private static StringContent Payload(BudgetAlert alert, int deliveryCount) =>
        Payload(JsonSerializer.Serialize(alert, AlertJsonContext.Default.BudgetAlert), alert.Id, deliveryCount);

    /// <summary>A <c>cardinality: one</c> invocation as the host sends it: values JSON-serialized inside JSON strings.</summary>
    private static StringContent Payload(string body, string messageId, int deliveryCount)
    {
        var payload = new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["message"] = JsonSerializer.Serialize(body) },
            ["Metadata"] = new()
            {
                ["MessageId"] = JsonSerializer.Serialize(messageId),
                ["DeliveryCount"] = deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        return new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
    }
}
