using System.Globalization;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Proxy usage records as KeyMeter publishes them, deterministic from a seed: keys with an owner email (a few owners
/// hold two keys, some emails in mixed case) and a team tag, a project tag on every third key; three models over two
/// providers; token counts from small to large with prompt caching; costs from list prices at nine decimal places.
/// </summary>
internal static class UsageWorkload
{
    private static readonly string[] Teams = ["payments", "search", "platform", "mobile", "data"];
    private static readonly string[] Projects = ["checkout", "ranking", "onboarding", "billing"];

    public static IReadOnlyList<BenchmarkKey> Keys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new List<BenchmarkKey>(count);
        Span<byte> id = stackalloc byte[10];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(id);

            // Every fifth key belongs to the owner of the one before it.
            var owner = i - ((i + 1) / 5);
            var email = string.Create(CultureInfo.InvariantCulture, $"{(i % 7 == 0 ? "Dev" : "dev")}{owner:D3}@{(i % 7 == 0 ? "Example" : "example")}.com");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = Teams[i % Teams.Length] };
            if (i % 3 == 0)
            {
                tags["project"] = Projects[i / 3 % Projects.Length];
            }

            keys.Add(new BenchmarkKey(KeyId.Prefix + Convert.ToHexStringLower(id), email, tags));
        }

        return keys;
    }

    /// <summary>
    /// <paramref name="count"/> records over <paramref name="days"/> days from <paramref name="firstDay"/>, in the order
    /// they start (the order calls end in, give or take, which is the order the queue receives them), each by a random key.
    /// </summary>
    public static List<UsageRecord> Stream(string run, IReadOnlyList<BenchmarkKey> keys, DateOnly firstDay, int days, int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = random.NextInt64(TimeSpan.FromDays(days).Ticks);
        }

        Array.Sort(offsets);
        var records = new List<UsageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(Record(Id(run, i), keys[random.Next(keys.Count)], start.AddTicks(offsets[i]), random));
        }

        return records;
    }

    /// <summary>One record per key per day from <paramref name="firstDay"/> to <paramref name="lastDay"/>, in the order they start; none after <paramref name="now"/>.</summary>
    public static List<UsageRecord> Daily(string run, IReadOnlyList<BenchmarkKey> keys, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now, int seed)
    {
        var random = new Random(seed);
        var records = new List<UsageRecord>((lastDay.DayNumber - firstDay.DayNumber + 1) * keys.Count);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var span = Math.Clamp((now - midnight).Ticks, 1, TimeSpan.TicksPerDay);
            var starts = keys.Select(key => (Key: key, StartedAt: midnight.AddTicks(random.NextInt64(span)))).OrderBy(call => call.StartedAt).ToList();
            foreach (var (key, startedAt) in starts)
            {
                records.Add(Record(Id(run, records.Count), key, startedAt, random));
            }
        }

        return records;
    }

    private static string Id(string run, int index) => string.Create(CultureInfo.InvariantCulture, $"px-{run}-{index:x6}");

    private static UsageRecord Record(string id, BenchmarkKey key, DateTimeOffset startedAt, Random random)
    {
        var model = BenchmarkModel.All[random.Next(BenchmarkModel.All.Count)];
        var anthropic = model.Provider == "anthropic";

        // Prompts from a few hundred to tens of thousands of tokens, often partly served from the prompt cache.
        var prompt = (long)Math.Round(200 * Math.Pow(150, random.NextDouble()));
        var cached = random.Next(3) == 0 ? 0 : prompt * random.Next(0, 90) / 100;
        var write5m = anthropic && random.Next(4) == 0 ? (prompt - cached) / 2 : 0;
        var write1h = anthropic && random.Next(20) == 0 ? (prompt - cached - write5m) / 2 : 0;
        var output = (long)Math.Round(20 * Math.Pow(100, random.NextDouble()));
        var reasoning = model.Model == "gpt-5" ? output * random.Next(0, 70) / 100 : 0;
        var tokens = new TokenUsage(prompt - cached - write5m - write1h, cached, write5m, write1h, output, reasoning);
        var streamed = random.Next(3) != 0;
        return new UsageRecord(
            id,
            UsageSources.Proxy,
            startedAt,
            key.KeyId,
            key.OwnerEmail,
            key.Tags,
            model.Provider,
            model.Model,
            model.Api,
            tokens,
            model.Cost(tokens),
            CursorFeeUsd: 0m,
            PriceVersion: "2026-11-01",
            Unpriced: false,
            Estimated: false,
            Streamed: streamed,
            Status: 200,
            Outcome: UsageOutcomes.Completed,
            LatencyMs: random.Next(300, streamed ? 40_000 : 12_000));
    }
}
