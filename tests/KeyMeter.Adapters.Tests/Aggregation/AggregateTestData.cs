using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Aggregation;

/// <summary>Rows, counters and a store on a table prefix of its own.</summary>
internal static class AggregateTestData
{
    public const string March = "2026-03";

    public static DateOnly Day(int day) => new(2026, 3, day);

    public static TableProvider NewTables(AzuriteFixture azurite) =>
        new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    public static AggregateCounters Counters(long requests, decimal costUsd) =>
        new(requests, requests * 1000, requests * 10, 0, 0, requests * 200, 0, costUsd, 0m, 0, 0);

    public static AggregateRow Daily(int day, AggregateDimension dimension, int bucket, params (string Value, long Requests)[] entries) =>
        Fill(AggregateRow.Daily(Day(day), dimension, bucket), entries);

    public static AggregateRow Monthly(AggregateDimension dimension, int bucket, params (string Value, long Requests)[] entries) =>
        Fill(AggregateRow.Monthly(March, dimension, bucket), entries);

    public static AggregateRowWrite Insert(AggregateRow row) => new(row, null);

    private static AggregateRow Fill(AggregateRow row, (string Value, long Requests)[] entries)
    {
        foreach (var (value, requests) in entries)
        {
            row.Add(value, Counters(requests, requests * 0.01m));
        }

        return row;
    }
}
