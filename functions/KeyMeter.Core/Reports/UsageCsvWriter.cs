using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// The CSV export: one record per day × dimension × value, written as the rows arrive and flushed day by day, so a
/// year of usage never sits in memory and the download starts at once.
/// </summary>
/// <remarks>
/// The <see cref="AggregateDimension.Line"/> dimension is left out: its values are encoded tuples that no one can read
/// in a spreadsheet, and the FOCUS export (<see cref="FocusCsvWriter"/>) is the per-line view. So is
/// <see cref="AggregateDimension.DeveloperHour"/>, which is there for the digests' night-hours check, and
/// <see cref="AggregateDimension.Session"/>, which the sessions report reads.
/// </remarks>
public static class UsageCsvWriter
{
    internal static IReadOnlyList<string> Columns { get; } =
    [
        "date", "dimension", "value", "requests", "input_tokens", "cached_input_tokens", "cache_write_5m_tokens",
        "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "total_tokens", "cost_usd", "cursor_fee_usd",
        "estimated_requests", "unpriced_requests",
    ];

    /// <summary>Writes the header and a record per entry of <paramref name="rows"/> (daily rows, by row key); returns the records written.</summary>
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<AggregateRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var line = new CsvLine();
        await line.WriteHeaderAsync(writer, Columns, cancellationToken);
        long records = 0;
        string? day = null;
        await foreach (var group in DayDimensionEntries.GroupAsync(rows.Where(row => row.Dimension != AggregateDimension.Line && row.Dimension != AggregateDimension.DeveloperHour && row.Dimension != AggregateDimension.Session), cancellationToken))
        {
            if (day is not null && group.Day != day)
            {
                await writer.FlushAsync(cancellationToken);
            }

            day = group.Day;
            foreach (var (value, c) in group.Entries)
            {
                await line.Text(group.Day).Text(group.Dimension.Name).Text(value)
                    .Number(c.Requests).Number(c.InputTokens).Number(c.CachedInputTokens).Number(c.CacheWrite5mTokens)
                    .Number(c.CacheWrite1hTokens).Number(c.OutputTokens).Number(c.ReasoningTokens).Number(c.TotalTokens)
                    .Number(c.CostUsd).Number(c.CursorFeeUsd).Number(c.EstimatedRequests).Number(c.UnpricedRequests)
                    .WriteAsync(writer, cancellationToken);
                records++;
            }
        }

        await writer.FlushAsync(cancellationToken);
        return records;
    }
}
