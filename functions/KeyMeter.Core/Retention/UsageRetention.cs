using KeyMeter.Core.Aggregation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Retention;

/// <summary>
/// The <c>usage-retention</c> timer's work on the <c>aggregates</c> table: removes markers counted more than
/// <see cref="RetentionOptions.MarkerDays"/> days ago (they only guard against counting a redelivered record twice),
/// daily rows more than <see cref="RetentionOptions.AggregateDays"/> days old, and every month partition that ended
/// before that, monthly rollups included. The month that holds the aggregate cutoff keeps its monthly rollups.
/// </summary>
/// <remarks>
/// Resumable without any state of its own: rows are deleted in batches of <see cref="RetentionOptions.BatchSize"/> as
/// soon as a page of them is read, and a removed partition's monthly rows (by which partitions are found) go last. A
/// run stopped by <see cref="RetentionOptions.MaxRunTime"/>, by cancellation or by a storage failure therefore leaves
/// only rows that are still old, and the next run continues simply because its queries find them again.
/// </remarks>
public sealed class UsageRetention(IRetentionStore store, IOptions<RetentionOptions> options, TimeProvider time, ILogger<UsageRetention> logger)
{
    /// <summary>
    /// One run, until nothing old is left, the time is up or <paramref name="cancellationToken"/> fires. A storage
    /// failure propagates; what was deleted before it stays deleted.
    /// </summary>
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        // 1. The cutoffs, in whole UTC days back from today, and the instant after which no batch starts.
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var run = new RetentionRunState(today.AddDays(-settings.MarkerDays), today.AddDays(-settings.AggregateDays), now + settings.MaxRunTime);
        try
        {
            // 2. Every month partition, oldest first (yyyy-MM sorts by time).
            var partitions = await store.ListPartitionsAsync(cancellationToken);
            foreach (var partition in partitions.Order(StringComparer.Ordinal))
            {
                if (!AggregateKeys.TryParsePartition(partition, out var firstDay))
                {
                    RetentionLog.UnknownPartition(logger, partition);
                    continue;
                }

                // 3. A month that ended before the aggregate cutoff goes completely; any other loses its old rows.
                var finished = firstDay.AddMonths(1) <= run.AggregateCutoff
                    ? await RemovePartitionAsync(partition, run, cancellationToken)
                    : await TrimPartitionAsync(partition, firstDay, run, cancellationToken);
                if (!finished)
                {
                    return Stop(run, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Stop(run, cancellationToken);
        }

        // 4. Nothing old is left.
        RetentionLog.Completed(logger, run.Markers, run.DailyRows, run.Partitions);
        return run.ToResult(completed: true);
    }

    /// <summary>Every row of a month past the retention; false when the run had to stop first.</summary>
    private async Task<bool> RemovePartitionAsync(string partition, RetentionRunState run, CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        // Monthly rows go last: they are how partitions are listed, so a partition left half removed is found again.
        var removed = await DrainAsync(partition, (next, token) => store.ReadRowsAsync(partition, size, next, token), IsNotMonthly, run, cancellationToken)
            && await DrainAsync(partition, (next, token) => store.ReadRowsAsync(partition, size, next, token), static _ => true, run, cancellationToken);
        if (removed)
        {
            run.CountPartitionRemoved();
            RetentionLog.PartitionRemoved(logger, partition);
        }

        return removed;
    }

    /// <summary>
    /// Old markers and old daily rows of a month that is kept; false when the run had to stop first. A month that starts
    /// on or after a cutoff has nothing older than it: its daily rows are its own days, and a record is counted no
    /// earlier than the month it started in (one that was, by clock skew, goes once the cutoff passes the month's start).
    /// </summary>
    private async Task<bool> TrimPartitionAsync(string partition, DateOnly firstDay, RetentionRunState run, CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        return (firstDay >= run.MarkerCutoff
                || await DrainAsync(partition, (next, token) => store.ReadMarkersAsync(partition, run.MarkerCutoff, size, next, token), static _ => true, run, cancellationToken))
            && (firstDay >= run.AggregateCutoff
                || await DrainAsync(partition, (next, token) => store.ReadDailyRowsAsync(partition, run.AggregateCutoff, size, next, token), static _ => true, run, cancellationToken));
    }

    /// <summary>
    /// Reads pages until the query ends, deleting the rows <paramref name="select"/> picks from each page before the next
    /// is read; false when the time is up or the run is cancelled before a page.
    /// </summary>
    private async Task<bool> DrainAsync(
        string partition,
        Func<string?, CancellationToken, Task<RetentionPage>> read,
        Func<string, bool> select,
        RetentionRunState run,
        CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            if (cancellationToken.IsCancellationRequested || time.GetUtcNow() >= run.Deadline)
            {
                return false;
            }

            var page = await read(continuation, cancellationToken);
            foreach (var batch in page.RowKeys.Where(select).Chunk(options.Value.BatchSize))
            {
                await store.DeleteAsync(partition, batch, cancellationToken);
                run.CountDeleted(batch);
                RetentionLog.BatchDeleted(logger, partition, batch.Length);
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
        return true;
    }

    private RetentionRun Stop(RetentionRunState run, CancellationToken cancellationToken)
    {
        RetentionLog.Stopped(logger, cancellationToken.IsCancellationRequested ? "cancelled" : "MaxRunTime used up", run.Markers, run.DailyRows, run.Partitions);
        return run.ToResult(completed: false);
    }

    private static bool IsNotMonthly(string rowKey) => !rowKey.StartsWith(AggregateKeys.MonthlyPrefix, StringComparison.Ordinal);
}
