using System.Runtime.CompilerServices;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Reports;

/// <summary>
/// A hand-written <see cref="IAggregateReader"/> over rows in memory, with the Table adapter's contract: one month
/// partition per call, days inclusive and inside the partition, the dimension and bucket filters, rows by row key.
/// Records every call, and can hold reads until several are in flight at once.
/// </summary>
internal sealed class InMemoryAggregateReader : IAggregateReader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Partition, string RowKey), AggregateRow> _rows = [];
    private readonly List<AggregateReaderCall> _calls = [];
    private TaskCompletionSource? _allStarted;
    private int _holdUntil;
    private int _started;

    public IReadOnlyList<AggregateReaderCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Counts a record as the aggregator does: into its daily row and, where there is one, the monthly rollup of every dimension.</summary>
    public InMemoryAggregateReader Add(UsageRecord record)
    {
        var contribution = RecordContribution.Of(record);
        var partition = AggregateKeys.Partition(record.StartedAt);
        lock (_gate)
        {
            for (var i = 0; i < contribution.Targets.Count; i++)
            {
                var target = contribution.Targets[i];
                if (!_rows.TryGetValue((partition, target.RowKey), out var row))
                {
                    row = target.Create();
                    _rows.Add((partition, target.RowKey), row);
                }

                row.Add(target.Value, contribution.CountersFor(i));
            }
        }

        return this;
    }

    /// <summary>Stores a row as it is, replacing any row with its keys.</summary>
    public InMemoryAggregateReader Put(AggregateRow row)
    {
        lock (_gate)
        {
            _rows[(row.Partition, row.RowKey)] = row;
        }

        return this;
    }

    /// <summary>From now on every read waits until <paramref name="reads"/> reads have started (a sequential caller times out).</summary>
    public void HoldUntilConcurrent(int reads)
    {
        lock (_gate)
        {
            _holdUntil = reads;
            _started = 0;
            _allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async IAsyncEnumerable<AggregateRow> ReadDailyAsync(
        string partition, DateOnly first, DateOnly last, AggregateDimension? dimension, int? bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Assert.Equal(partition, AggregateKeys.Partition(first));
        Assert.Equal(partition, AggregateKeys.Partition(last));
        Assert.True(first <= last, $"{first} > {last}");
        var rows = Begin(new AggregateReaderCall(partition, false, first, last, dimension?.Name, bucket), row =>
            !row.IsMonthly
            && string.CompareOrdinal(row.Period, AggregateKeys.Day(first)) >= 0
            && string.CompareOrdinal(row.Period, AggregateKeys.Day(last)) <= 0
            && (dimension is null || row.Dimension == dimension)
            && (bucket is null || row.Bucket == bucket));
        await HoldAsync(cancellationToken);
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public async IAsyncEnumerable<AggregateRow> ReadMonthlyAsync(
        string partition, AggregateDimension? dimension, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = Begin(new AggregateReaderCall(partition, true, null, null, dimension?.Name, null), row =>
            row.IsMonthly && (dimension is null || row.Dimension == dimension));
        await HoldAsync(cancellationToken);
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private List<AggregateRow> Begin(AggregateReaderCall call, Func<AggregateRow, bool> matches)
    {
        lock (_gate)
        {
            _calls.Add(call);
            if (_allStarted is not null && ++_started >= _holdUntil)
            {
                _allStarted.TrySetResult();
            }

            // Copies: a caller must not see a row change under it.
            return [.. _rows.Values
                .Where(row => row.Partition == call.Partition && matches(row))
                .OrderBy(row => row.RowKey, StringComparer.Ordinal)
                .Select(row => row.Clone())];
        }
    }

    private Task HoldAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? allStarted;
        lock (_gate)
        {
            allStarted = _allStarted;
        }

        return allStarted is null ? Task.CompletedTask : allStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }
}
