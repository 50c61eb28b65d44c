using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Cursor;

/// <summary>An <see cref="IUsageSink"/> that keeps what it is given; <see cref="FailNext"/> makes the next publish throw.</summary>
internal sealed class CollectingUsageSink : IUsageSink
{
    public List<UsageRecord> Records { get; } = [];

    public int Publishes { get; private set; }

    public bool FailNext { get; set; }

    public ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken) => PublishManyAsync([record], cancellationToken);

    public ValueTask PublishManyAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("The queue and the outbox are both down.");
        }

        Publishes++;
        Records.AddRange(records);
        return ValueTask.CompletedTask;
    }
}
