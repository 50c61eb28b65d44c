using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Tests.Reports;

/// <summary>
/// The report endpoints' <see cref="IAggregateReader"/> in tests: records counted as the aggregator counts them,
/// filtered and ordered as the Table adapter returns them. Reads of a held partition wait until the test releases it.
/// </summary>
internal sealed class FakeAggregateReader : IAggregateReader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Partition, string RowKey), AggregateRow> _rows = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new(StringComparer.Ordinal);
    private int _sequence;

    public FakeAggregateReader Add(string day, string keyId, string owner, string model, decimal? cost, decimal cursorFee = 0m, IReadOnlyDictionary<string, string>? tags = null)
    {
        var at = DateTimeOffset.ParseExact(day + "T12:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var record = new UsageRecord(
            "rec-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
            UsageSources.Proxy,
            at,
            keyId,
            owner,
            tags ?? new Dictionary<string, string>(),
            model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "anthropic",
            model,
            ApiFormat.ChatCompletions,
            new TokenUsage(100, 20, 5, 1, 50, 10),
            cost,
            cursorFee,
            "test",
            cost is null,
            false,
            true,
            200,
            "completed",
            100);
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        var counters = AggregateCounters.Of(record);
        lock (_gate)
        {
            // As the aggregator counts a record: under each of its dimensions, in the day's row and, where the
            // dimension rolls up, in the month's row (shard 0).
            foreach (var (dimension, value) in RecordDimensions.Of(record))
            {
                var bucket = AggregateKeys.Bucket(value, dimension);
                AddTo(AggregateRow.Daily(date, dimension, bucket), value, AggregateCounters.Of(record, dimension));
                if (dimension.HasMonthlyRollup)
                {
                    AddTo(AggregateRow.Monthly(AggregateKeys.Partition(date), dimension, bucket), value, counters);
                }
            }
        }

        return this;
    }

    /// <summary>Reads of <paramref name="partition"/> wait until the returned source completes.</summary>
    public TaskCompletionSource Hold(string partition) =>
        _held.GetOrAdd(partition, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public IAsyncEnumerable<AggregateRow> ReadDailyAsync(
        string partition, DateOnly first, DateOnly last, AggregateDimension? dimension, int? bucket, CancellationToken cancellationToken) =>
        ReadAsync(partition, row => !row.IsMonthly
            && string.CompareOrdinal(row.Period, AggregateKeys.Day(first)) >= 0
            && string.CompareOrdinal(row.Period, AggregateKeys.Day(last)) <= 0
            && (dimension is null || row.Dimension == dimension)
            && (bucket is null || row.Bucket == bucket), cancellationToken);

    public IAsyncEnumerable<AggregateRow> ReadMonthlyAsync(string partition, AggregateDimension? dimension, CancellationToken cancellationToken) =>
        ReadAsync(partition, row => row.IsMonthly && (dimension is null || row.Dimension == dimension), cancellationToken);

    private void AddTo(AggregateRow empty, string value, AggregateCounters counters)
    {
        var key = (empty.Partition, empty.RowKey);
        if (!_rows.TryGetValue(key, out var row))
        {
            row = empty;
            _rows.Add(key, row);
        }

        row.Add(value, counters);
    }

    private async IAsyncEnumerable<AggregateRow> ReadAsync(string partition, Func<AggregateRow, bool> matches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_held.TryGetValue(partition, out var held))
        {
            await held.Task.WaitAsync(cancellationToken);
        }

        List<AggregateRow> rows;
        lock (_gate)
        {
            rows = [.. _rows.Values.Where(row => row.Partition == partition && matches(row)).OrderBy(row => row.RowKey, StringComparer.Ordinal).Select(row => row.Clone())];
        }

        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
