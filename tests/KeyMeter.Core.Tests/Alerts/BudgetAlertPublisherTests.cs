using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Queues;
using KeyMeter.Core.Tests.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Tests.Alerts;

public sealed class BudgetAlertPublisherTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
    private readonly InMemoryKeyStore _keys = new();
    private readonly RecordingQueue _queue = new();

    private BudgetAlertPublisher Publisher(AlertOptions? options = null) =>
        new(_keys, _queue, Options.Create(options ?? new AlertOptions()), _time, NullLogger<BudgetAlertPublisher>.Instance);

    private async Task<DeveloperKey> KeyAsync(decimal daily)
    {
        var key = BudgetAlertPlannerTests.Key(daily, null);
        await _keys.CreateAsync(key, new KeyAuditEntry(key.Id, KeyAuditActions.Created, "test", _time.GetUtcNow(), "created"), CancellationToken.None);
        return key;
    }

    [Fact]
    public async Task Publish_ThresholdsReached_OneMessagePerAlertWithItsIdAndBody()
    {
        var key = await KeyAsync(daily: 2m);

        var sent = await Publisher().PublishAsync([new KeySpend(key.Id, Today, 1.6m, 1.6m)], CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal([$"alert|{key.Id}|daily|2026-12-02|50", $"alert|{key.Id}|daily|2026-12-02|80"], _queue.Sent.Select(item => item.Message.MessageId));
        Assert.All(_queue.Sent, item => Assert.Equal(BudgetAlertPublisher.QueueName, item.Queue));
        var body = JsonDocument.Parse(_queue.Sent[1].Message.Body).RootElement;
        Assert.Equal("daily", body.GetProperty("period").GetString());
        Assert.Equal(80, body.GetProperty("threshold").GetInt32());
        Assert.Equal(1.6m, body.GetProperty("spentUsd").GetDecimal());
        Assert.Equal("alice-laptop", body.GetProperty("keyName").GetString());
        var read = JsonSerializer.Deserialize(_queue.Sent[1].Message.Body.Span, AlertJsonContext.Default.BudgetAlert)!;
        Assert.Equal($"alert|{key.Id}|daily|2026-12-02|80", read.Id);
    }

    [Fact]
    public async Task Publish_SameSpendAgain_NotQueuedTwiceByThisProcess()
    {
        var key = await KeyAsync(daily: 2m);
        var publisher = Publisher();

        await publisher.PublishAsync([new KeySpend(key.Id, Today, 1.2m, 1.2m)], CancellationToken.None);
        await publisher.PublishAsync([new KeySpend(key.Id, Today, 1.3m, 1.3m)], CancellationToken.None);
        await publisher.PublishAsync([new KeySpend(key.Id, Today, 2.1m, 2.1m)], CancellationToken.None);

        Assert.Equal(new[] { 50, 80, 100 }.Select(threshold => $"alert|{key.Id}|daily|2026-12-02|{threshold}"), _queue.Sent.Select(item => item.Message.MessageId));
    }

    [Fact]
    public async Task Publish_QueueFails_ThrowsAndTheNextAttemptSendsTheSameAlerts()
    {
        var key = await KeyAsync(daily: 2m);
        var publisher = Publisher();
        _queue.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => publisher.PublishAsync([new KeySpend(key.Id, Today, 1m, 1m)], CancellationToken.None));
        var sent = await publisher.PublishAsync([new KeySpend(key.Id, Today, 1m, 1m)], CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal($"alert|{key.Id}|daily|2026-12-02|50", Assert.Single(_queue.Sent).Message.MessageId);
    }

    [Fact]
    public async Task Publish_AlertsOffOrUnknownKey_NothingSent()
    {
        var key = await KeyAsync(daily: 1m);

        Assert.Equal(0, await Publisher(new AlertOptions { Enabled = false }).PublishAsync([new KeySpend(key.Id, Today, 9m, 9m)], CancellationToken.None));
        Assert.Equal(0, await Publisher().PublishAsync([new KeySpend("key_00000000000000000000", Today, 9m, 9m)], CancellationToken.None));
        Assert.Empty(_queue.Sent);
    }

    private sealed class RecordingQueue : IQueueSender
    {
        public List<(string Queue, QueueMessage Message)> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("queue unavailable");
            }

            Sent.AddRange(messages.Select(message => (queueName, message)));
            return Task.CompletedTask;
        }
    }
}
