using KeyMeter.Adapters.Aggregation;
using KeyMeter.Core.Aggregation;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// The real store, except that once, right after a transaction commits, the consumer "dies" before it can acknowledge
/// the batch: the invocation fails and the queue redelivers the whole batch.
/// </summary>
internal sealed class DieOnceAfterCommit(int dieAfter)
{
    private readonly int _dieAfter = dieAfter;
    private int _commits;

    public bool Died => Volatile.Read(ref _commits) >= _dieAfter;

    public IAggregateStore Wrap(IServiceProvider services) => new Store(services.GetRequiredService<TableAggregateStore>(), this);

    private sealed class Store(IAggregateStore inner, DieOnceAfterCommit owner) : IAggregateStore
    {
        public Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken) =>
            inner.LoadAsync(partition, days, includeMonthly, cancellationToken);

        public async Task<AggregateCommit> CommitAsync(string partition, IReadOnlyList<string> recordIds, DateOnly countedOn, IReadOnlyList<AggregateRowWrite> writes, CancellationToken cancellationToken)
        {
            var commit = await inner.CommitAsync(partition, recordIds, countedOn, writes, cancellationToken);
            if (commit.Outcome == AggregateCommitOutcome.Committed && Interlocked.Increment(ref owner._commits) == owner._dieAfter)
            {
                throw new IOException("The consumer died after its transaction committed.");
            }

            return commit;
        }

        public Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken) =>
            inner.LoadDimensionAsync(partition, days, dimension, cancellationToken);

        public Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
            inner.FindCountedAsync(partition, recordIds, cancellationToken);
    }

}
