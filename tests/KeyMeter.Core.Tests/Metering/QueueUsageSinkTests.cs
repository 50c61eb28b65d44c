using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Queues;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyMeter.Core.Tests.Metering;

public sealed class QueueUsageSinkTests
{
    internal static UsageRecord Record(string id) => new(
        id, "proxy", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "key_0123456789abcdef0123", "dev@example.com",
        new Dictionary<string, string> { ["team"] = "platform" }, "openai", "gpt-5", ApiFormat.ChatCompletions,
        new TokenUsage(200, 1000, 0, 0, 300, 100), 0.003375m, 0.000375m, "2026-11-01", false, false, true, 200, UsageOutcomes.Completed, 1234);

    [Fact]
    public async Task PublishAsync_QueueAccepts_SendsOneMessageWithRecordIdAsMessageId()
    {
        var queue = new FakeQueue();
        var outbox = new InMemoryOutbox();

        await new QueueUsageSink(queue, outbox, NullLogger<QueueUsageSink>.Instance).PublishAsync(Record("px_1"), CancellationToken.None);

        var (name, message) = Assert.Single(queue.Sent);
        Assert.Equal("usage", name);
        Assert.Equal("px_1", message.MessageId);
        var roundTrip = JsonSerializer.Deserialize(message.Body.Span, UsageRecordJsonContext.Default.UsageRecord)!;
        Assert.Equal(Record("px_1").Tokens, roundTrip.Tokens);
        Assert.Equal(0.003375m, roundTrip.CostUsd);
        Assert.Empty(await outbox.PendingAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task PublishAsync_QueueFails_RecordKeptInOutboxAndThenDrained()
    {
        var queue = new FakeQueue { Fail = true };
        var outbox = new InMemoryOutbox();
        var sink = new QueueUsageSink(queue, outbox, NullLogger<QueueUsageSink>.Instance);

        await sink.PublishAsync(Record("px_1"), CancellationToken.None);
        await sink.PublishAsync(Record("px_2"), CancellationToken.None);
        var drainer = new OutboxDrainer(queue, outbox, NullLogger<OutboxDrainer>.Instance);
        Assert.Equal(0, await drainer.DrainAsync(CancellationToken.None));
        queue.Fail = false;

        Assert.Equal(2, await drainer.DrainAsync(CancellationToken.None));
        Assert.Equal(["px_1", "px_2"], queue.Sent.Select(sent => sent.Message.MessageId));
        Assert.Empty(await outbox.PendingAsync(10, CancellationToken.None));
    }

    private sealed class FakeQueue : IQueueSender
    {
        public bool Fail { get; set; }

        public List<(string Queue, QueueMessage Message)> Sent { get; } = [];

        public Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("queue unavailable");
            }

            Sent.AddRange(messages.Select(message => (queueName, message)));
            return Task.CompletedTask;
        }
    }

    private sealed class InMemoryOutbox : IUsageOutbox
    {
        private readonly SortedDictionary<string, UsageRecord> _records = new(StringComparer.Ordinal);

        public Task SaveAsync(UsageRecord record, CancellationToken cancellationToken)
        {
            _records[record.Id] = record;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<UsageRecord>> PendingAsync(int max, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UsageRecord>>([.. _records.Values.Take(max)]);

        public Task RemoveAsync(string recordId, CancellationToken cancellationToken)
        {
            _records.Remove(recordId);
            return Task.CompletedTask;
        }
    }
}
