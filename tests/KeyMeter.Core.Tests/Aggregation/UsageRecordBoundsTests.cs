using System.Text;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Core.Tests.Aggregation;

public sealed class UsageRecordBoundsTests
{
    private static UsageRecord Cursor(decimal cost, decimal fee = 0m) =>
        Record("cu_1", keyId: string.Empty, cost: cost) with { Source = UsageSources.Cursor, CursorFeeUsd = fee };

    public static TheoryData<string> TokenFields => ["inputTokens", "cachedInputTokens", "cacheWrite5mTokens", "cacheWrite1hTokens", "outputTokens", "reasoningTokens"];

    private static UsageRecord WithTokens(string field, long value)
    {
        var tokens = TokenUsage.Zero;
        tokens = field switch
        {
            "inputTokens" => tokens with { InputTokens = value },
            "cachedInputTokens" => tokens with { CachedInputTokens = value },
            "cacheWrite5mTokens" => tokens with { CacheWrite5mTokens = value },
            "cacheWrite1hTokens" => tokens with { CacheWrite1hTokens = value },
            "outputTokens" => tokens with { OutputTokens = value },
            _ => tokens with { ReasoningTokens = value },
        };
        return Record("px_1") with { Tokens = tokens };
    }

    [Theory]
    [MemberData(nameof(TokenFields))]
    public void Check_TokenBucketAboveItsBound_NamesTheFieldButNotTheValue(string field)
    {
        var reason = UsageRecordReader.Check(WithTokens(field, UsageRecordBounds.MaxTokensPerBucket + 1));

        Assert.NotNull(reason);
        Assert.Contains("tokens." + field, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("1000000001", reason.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TokenFields))]
    public void Check_TokenBucketAtItsBound_Accepted(string field) =>
        Assert.Null(UsageRecordReader.Check(WithTokens(field, UsageRecordBounds.MaxTokensPerBucket)));

    [Fact]
    public void TryRead_InputTokensOfLongMaxValue_RefusedWithTheFieldNamedAndTheValueNot()
    {
        var json = JsonSerializer.Serialize(WithTokens("inputTokens", long.MaxValue), UsageRecordJsonContext.Default.UsageRecord);
        Assert.Contains("9223372036854775807", json, StringComparison.Ordinal);

        var read = UsageRecordReader.TryRead(Encoding.UTF8.GetBytes(json), out var record, out var reason);

        Assert.False(read);
        Assert.Null(record);
        Assert.Contains("tokens.inputTokens", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("9223372036854775807", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.000001)]
    [InlineData(1_000_000.000001)]
    public void Check_ProxyCostOutOfBounds_Refused(double cost)
    {
        var reason = UsageRecordReader.Check(Record("px_1", cost: (decimal)cost));

        Assert.StartsWith("costUsd must be from 0 to 1,000,000", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProxyCostAtBoundAndUnpriced_Accepted()
    {
        Assert.Null(UsageRecordReader.Check(Record("px_1", cost: UsageRecordBounds.MaxUsdPerRecord)));
        Assert.Null(UsageRecordReader.Check(Record("px_2", cost: null)));
    }

    [Fact]
    public void Check_CursorCredit_AcceptedWithinTheBoundEitherWay()
    {
        Assert.Null(UsageRecordReader.Check(Cursor(-UsageRecordBounds.MaxUsdPerRecord, fee: -1m)));
        Assert.StartsWith("costUsd must be from -1,000,000", UsageRecordReader.Check(Cursor(-UsageRecordBounds.MaxUsdPerRecord - 1m)), StringComparison.Ordinal);
        Assert.StartsWith("cursorFeeUsd", UsageRecordReader.Check(Cursor(1m, fee: decimal.MaxValue)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UsageSources.ClaudeCode)]
    [InlineData(UsageSources.Codex)]
    [InlineData(UsageSources.GeminiCli)]
    public void Check_AgentTelemetryRecord_AcceptedWithAKeyAndNeverNegative(string source)
    {
        Assert.Null(UsageRecordReader.Check(Record("tm_1") with { Source = source }));
        Assert.StartsWith("keyId is required", UsageRecordReader.Check(Record("tm_1", keyId: string.Empty) with { Source = source }), StringComparison.Ordinal);
        Assert.StartsWith("costUsd must be from 0", UsageRecordReader.Check(Record("tm_1", cost: -0.01m) with { Source = source }), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProxyCursorFeeOutOfBounds_Refused()
    {
        Assert.StartsWith("cursorFeeUsd", UsageRecordReader.Check(Record("px_1") with { CursorFeeUsd = -0.01m }), StringComparison.Ordinal);
        Assert.StartsWith("cursorFeeUsd", UsageRecordReader.Check(Record("px_1") with { CursorFeeUsd = 1_000_001m }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(UsageRecordBounds.MaxLatencyMs + 1)]
    [InlineData(long.MaxValue)]
    public void Check_LatencyOutOfBounds_Refused(long latency) =>
        Assert.StartsWith("latencyMs", UsageRecordReader.Check(Record("px_1") with { LatencyMs = latency }), StringComparison.Ordinal);

    [Theory]
    [InlineData(-1)]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(int.MaxValue)]
    public void Check_StatusOutOfBounds_Refused(int status) =>
        Assert.StartsWith("status", UsageRecordReader.Check(Record("px_1") with { Status = status }), StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(599)]
    public void Check_StatusInBounds_Accepted(int status) =>
        Assert.Null(UsageRecordReader.Check(Record("px_1") with { Status = status }));

    [Fact]
    public void Check_RecordAtEveryBound_ItsCountersFitAStoredEntry()
    {
        var max = UsageRecordBounds.MaxTokensPerBucket;
        var record = Record("px_1", cost: UsageRecordBounds.MaxUsdPerRecord) with
        {
            Tokens = new TokenUsage(max, max, max, max, max, max),
            CursorFeeUsd = UsageRecordBounds.MaxUsdPerRecord,
            LatencyMs = UsageRecordBounds.MaxLatencyMs,
        };

        Assert.Null(UsageRecordReader.Check(record));
        Assert.True(AggregateCounters.Of(record).IsWithinBounds);
    }
}
