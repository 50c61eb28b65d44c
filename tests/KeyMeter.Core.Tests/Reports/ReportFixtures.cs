using System.Globalization;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Reports;

/// <summary>Usage records for report tests, with every field a report reads.</summary>
internal static class ReportFixtures
{
    public const string AliceKey = "key_00000000000000000a11";
    public const string BobKey = "key_00000000000000000b0b";

    private static int _sequence;

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static UsageRecord Record(
        string day,
        string keyId = AliceKey,
        string owner = "alice@example.com",
        string model = "claude-sonnet-4-5",
        string provider = "anthropic",
        string source = UsageSources.Proxy,
        decimal? cost = 0.01m,
        decimal cursorFee = 0m,
        TokenUsage? tokens = null,
        IReadOnlyDictionary<string, string>? tags = null,
        bool estimated = false)
    {
        var at = new DateTimeOffset(Day(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        return new UsageRecord(
            "rec-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
            source,
            at,
            keyId,
            owner,
            tags ?? new Dictionary<string, string>(),
            provider,
            model,
            ApiFormat.AnthropicMessages,
            tokens ?? new TokenUsage(100, 20, 5, 1, 50, 10),
            cost,
            cursorFee,
            "2026-01",
            Unpriced: cost is null,
            Estimated: estimated,
            Streamed: true,
            Status: 200,
            Outcome: "completed",
            LatencyMs: 120);
    }
}
