using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;

namespace KeyMeter.Testing;

/// <summary>Usage records for aggregation tests: varied keys, tags, models, days and costs, deterministic from a seed.</summary>
internal static class AggregationFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static UsageRecord Record(
        string id,
        string keyId = "key_0123456789abcdef0123",
        DateTimeOffset? startedAt = null,
        decimal? cost = 0.0123456789m,
        string model = "claude-sonnet-4-5",
        IReadOnlyDictionary<string, string>? tags = null,
        string owner = "Dev@Example.com",
        bool estimated = false) =>
        new(
            id,
            UsageSources.Proxy,
            startedAt ?? Start,
            keyId,
            owner,
            tags ?? new Dictionary<string, string> { ["team"] = "payments", ["project"] = "checkout" },
            model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "anthropic",
            model,
            ApiFormat.AnthropicMessages,
            new TokenUsage(1200, 300, 40, 0, 250, 12),
            cost,
            0.00044750m,
            "2026-11-22",
            Unpriced: cost is null,
            Estimated: estimated,
            Streamed: true,
            Status: 200,
            Outcome: UsageOutcomes.Completed,
            LatencyMs: 321);

    /// <summary><paramref name="count"/> records over <paramref name="keys"/> keys, 3 models, 4 teams and several days, two months.</summary>
    public static List<UsageRecord> Many(int count, int keys = 20, int seed = 7)
    {
        var random = new Random(seed);
        var models = new[] { "claude-sonnet-4-5", "gpt-5", "claude-haiku-4-5" };
        var teams = new[] { "payments", "search", "platform", "mobile" };
        var records = new List<UsageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(keys);
            var tags = new Dictionary<string, string> { ["team"] = teams[key % teams.Length] };
            if (key % 3 == 0)
            {
                tags["project"] = "p" + (key % 5);
            }

            records.Add(Record(
                id: $"px_{i:x8}{seed:x4}",
                keyId: "key_" + key.ToString("x20", System.Globalization.CultureInfo.InvariantCulture),
                startedAt: Start.AddHours(random.Next(0, 24 * 14)),
                cost: i % 17 == 0 ? null : random.Next(1, 5_000_000) / 1_000_000_000m,
                model: models[random.Next(models.Length)],
                tags: tags,
                owner: $"dev{key}@example.com",
                estimated: i % 11 == 0));
        }

        return records;
    }

    /// <summary>
    /// Every logical row's counters per (row key, value), its shards added up as readers add them: the whole state of
    /// the aggregates, whichever writers' shards hold it.
    /// </summary>
    public static Dictionary<string, AggregateCounters> Snapshot(IEnumerable<AggregateRow> rows) =>
        rows.SelectMany(row => row.Entries.Select(entry => KeyValuePair.Create(row.Partition + "/" + AggregateKeys.LogicalRow(row.RowKey) + "/" + entry.Key, entry.Value)))
            .GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(entry => entry.Value).Aggregate((sum, counters) => sum.Add(counters)), StringComparer.Ordinal);

    /// <summary>What the aggregates must be: the records counted once, straight into rows without any store.</summary>
    public static Dictionary<string, AggregateCounters> Expected(IEnumerable<UsageRecord> records)
    {
        var rows = new Dictionary<string, AggregateRow>(StringComparer.Ordinal);
        foreach (var record in records.DistinctBy(record => record.Id))
        {
            var day = DateOnly.FromDateTime(record.StartedAt.UtcDateTime);
            var counters = AggregateCounters.Of(record);
            foreach (var (dimension, value) in RecordDimensions.Of(record))
            {
                var bucket = AggregateKeys.Bucket(value, dimension);
                Add(rows, AggregateRow.Daily(day, dimension, bucket), value, AggregateCounters.Of(record, dimension));
                if (dimension.HasMonthlyRollup)
                {
                    Add(rows, AggregateRow.Monthly(AggregateKeys.Partition(day), dimension, bucket), value, counters);
                }
            }
        }

        return Snapshot(rows.Values);
    }

    private static void Add(Dictionary<string, AggregateRow> rows, AggregateRow empty, string value, AggregateCounters counters)
    {
        var key = empty.Partition + "/" + empty.RowKey;
        if (!rows.TryGetValue(key, out var row))
        {
            rows[key] = row = empty;
        }

        row.Add(value, counters);
    }
}
