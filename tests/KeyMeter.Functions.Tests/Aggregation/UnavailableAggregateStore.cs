using KeyMeter.Core.Aggregation;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>Storage that is down: every call fails the way a transport error does.</summary>
internal sealed class UnavailableAggregateStore : IAggregateStore
{
    public Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Table Storage is unreachable.");

    public Task<AggregateCommit> CommitAsync(string partition, IReadOnlyList<string> recordIds, DateOnly countedOn, IReadOnlyList<AggregateRowWrite> writes, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Table Storage is unreachable.");

    public Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Table Storage is unreachable.");

    public Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Table Storage is unreachable.");
}
