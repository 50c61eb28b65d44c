using System.Globalization;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Retention;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Retention;

/// <summary>
/// A hand-written <see cref="IRetentionStore"/> with the Table one's contract: partitions are found by their monthly
/// rows, pages come in row-key order with a continuation, a delete of a missing row is fine. Every call can move a
/// <see cref="ManualTimeProvider"/> on, as real storage calls take time, and can run a hook (to cancel a run).
/// </summary>
internal sealed class InMemoryRetentionStore(ManualTimeProvider clock) : IRetentionStore
{
    private readonly SortedDictionary<string, SortedDictionary<string, string?>> _partitions = new(StringComparer.Ordinal);

    /// <summary>How far the clock moves on each call.</summary>
    public TimeSpan TimePerCall { get; set; }

    /// <summary>Runs after each call with the number of calls so far.</summary>
    public Action<int>? AfterCall { get; set; }

    public int Calls { get; private set; }

    /// <summary>The size of every delete, in order.</summary>
    public List<int> DeleteSizes { get; } = [];

    public void AddMarker(string partition, string recordId, string countedOn) => PartitionRows(partition)[AggregateKeys.MarkerRow(recordId)] = countedOn;

    public void AddDaily(string day, int bucket = 0)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        PartitionRows(AggregateKeys.Partition(date))[AggregateKeys.DailyRow(date, AggregateDimension.Organisation, bucket)] = null;
    }

    public void AddMonthly(string partition, int bucket = 0) => PartitionRows(partition)[AggregateKeys.MonthlyRow(AggregateDimension.Key, bucket)] = null;

    /// <summary>The row keys left in a partition, in order; empty when it is gone.</summary>
    public IReadOnlyList<string> Rows(string partition) =>
        _partitions.TryGetValue(partition, out var rows) ? [.. rows.Keys] : [];

    public Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken)
    {
        Call(cancellationToken);
        IReadOnlyList<string> listed = [.. _partitions.Where(p => p.Value.Keys.Any(IsMonthly)).Select(p => p.Key)];
        return Task.FromResult(listed);
    }

    public Task<RetentionPage> ReadMarkersAsync(string partition, DateOnly countedBefore, int max, string? continuation, CancellationToken cancellationToken) =>
        Page(partition, max, continuation, (rowKey, day) =>
            rowKey.StartsWith(AggregateKeys.MarkerPrefix, StringComparison.Ordinal) && string.CompareOrdinal(day, AggregateKeys.Day(countedBefore)) < 0, cancellationToken);

    public Task<RetentionPage> ReadDailyRowsAsync(string partition, DateOnly before, int max, string? continuation, CancellationToken cancellationToken) =>
        Page(partition, max, continuation, (rowKey, _) =>
            rowKey.StartsWith(AggregateKeys.DailyPrefix, StringComparison.Ordinal) && string.CompareOrdinal(rowKey[2..12], AggregateKeys.Day(before)) < 0, cancellationToken);

    public Task<RetentionPage> ReadRowsAsync(string partition, int max, string? continuation, CancellationToken cancellationToken) =>
        Page(partition, max, continuation, (_, _) => true, cancellationToken);

    public Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        Call(cancellationToken);
        Assert.InRange(rowKeys.Count, 1, 100);
        DeleteSizes.Add(rowKeys.Count);
        if (_partitions.TryGetValue(partition, out var rows))
        {
            foreach (var rowKey in rowKeys)
            {
                rows.Remove(rowKey);
            }

            if (rows.Count == 0)
            {
                _partitions.Remove(partition);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Rows after the continuation (the last key of the previous page) that match, up to <paramref name="max"/>.</summary>
    private Task<RetentionPage> Page(string partition, int max, string? continuation, Func<string, string?, bool> matches, CancellationToken cancellationToken)
    {
        Call(cancellationToken);
        Assert.InRange(max, 1, 100);
        var found = _partitions.TryGetValue(partition, out var rows)
            ? rows.Where(row => (continuation is null || string.CompareOrdinal(row.Key, continuation) > 0) && matches(row.Key, row.Value)).Select(row => row.Key).Take(max + 1).ToList()
            : [];
        var page = found.Count > max ? new RetentionPage(found[..max], found[max - 1]) : new RetentionPage(found, null);
        return Task.FromResult(page);
    }

    private void Call(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        clock.Advance(TimePerCall);
        AfterCall?.Invoke(Calls);
    }

    private SortedDictionary<string, string?> PartitionRows(string partition)
    {
        if (!_partitions.TryGetValue(partition, out var rows))
        {
            rows = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            _partitions[partition] = rows;
        }

        return rows;
    }

    private static bool IsMonthly(string rowKey) => rowKey.StartsWith(AggregateKeys.MonthlyPrefix, StringComparison.Ordinal);
}
