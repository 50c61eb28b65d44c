using Azure;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>The real store behind an outage: every call fails as Table Storage's 503 does until the clock reaches <see cref="Until"/>.</summary>
internal sealed class OutageAggregateStore(IAggregateStore inner, TimeProvider time) : IAggregateStore
{
    public DateTimeOffset Until { get; set; } = DateTimeOffset.MaxValue;

    public int Failures { get; private set; }

    public Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken) =>
        IsDown() ? Task.FromException<IReadOnlyList<StoredAggregateRow>>(Failure()) : inner.LoadAsync(partition, days, includeMonthly, cancellationToken);

    public Task<AggregateCommit> CommitAsync(string partition, IReadOnlyList<string> recordIds, DateOnly countedOn, IReadOnlyList<AggregateRowWrite> writes, CancellationToken cancellationToken) =>
        IsDown() ? Task.FromException<AggregateCommit>(Failure()) : inner.CommitAsync(partition, recordIds, countedOn, writes, cancellationToken);

    public Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken) =>
        IsDown() ? Task.FromException<IReadOnlyList<AggregateRow>>(Failure()) : inner.LoadDimensionAsync(partition, days, dimension, cancellationToken);

    public Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
        IsDown() ? Task.FromException<IReadOnlySet<string>>(Failure()) : inner.FindCountedAsync(partition, recordIds, cancellationToken);

    private bool IsDown()
    {
        if (time.GetUtcNow() >= Until)
        {
            return false;
        }

        Failures++;
        return true;
    }

    private static RequestFailedException Failure() => new(503, "The server is busy.");
}
