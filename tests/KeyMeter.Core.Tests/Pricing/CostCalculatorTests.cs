using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Tests.Pricing;

public sealed class CostCalculatorTests
{
    private static readonly PriceTable Table = PriceTable.LoadDefault();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CallCost Price(string provider, string model, TokenUsage usage) =>
        CostCalculator.Calculate(usage, Table.Find(provider, model, Now));

    [Fact]
    public void Calculate_OpenAICallWithCachedTokens_PricesEachBucketAtItsRate()
    {
        // 10,000 prompt tokens of which 8,000 cached, normalised: 2,000 input + 8,000 cached; 500 output.
        var cost = Price("openai", "gpt-5-2025-08-07", new TokenUsage(2_000, 8_000, 0, 0, 500, 0));

        // 2,000 × 1.25 + 8,000 × 0.125 + 500 × 10 = 8,500 per 1M.
        Assert.Equal(0.0085m, cost.CostUsd);
        Assert.False(cost.Unpriced);
        Assert.Equal("gpt-5", cost.PricedModel);
        Assert.Equal(Table.Version, cost.PriceVersion);
    }

    [Fact]
    public void Calculate_AnthropicCallWithCacheReadsAndBothWrites_PricesEachBucketAtItsRate()
    {
        var cost = Price("anthropic", "claude-sonnet-4-5-20250929", new TokenUsage(1_000, 20_000, 4_000, 2_000, 800, 0));

        // 1,000 × 3 + 20,000 × 0.30 + 4,000 × 3.75 + 2,000 × 6 + 800 × 15 = 48,000 per 1M.
        Assert.Equal(0.048m, cost.CostUsd);
        Assert.Equal("claude-sonnet-4-5", cost.PricedModel);
    }

    [Fact]
    public void Calculate_AnthropicOpus45_UsesCurrentOpusPriceNotTheOldOne()
    {
        var cost = Price("anthropic", "claude-opus-4-5-20251101", new TokenUsage(1_000, 20_000, 4_000, 2_000, 800, 0));

        // 1,000 × 5 + 20,000 × 0.50 + 4,000 × 6.25 + 2,000 × 10 + 800 × 25 = 80,000 per 1M.
        Assert.Equal(0.08m, cost.CostUsd);
    }

    [Fact]
    public void Calculate_TotalInputOverThreshold_BillsWholeRequestAtLongContextTier()
    {
        // Only 100,001 plain input tokens, but 200,001 in total with cache reads and writes.
        var cost = Price("anthropic", "claude-sonnet-4-5", new TokenUsage(100_001, 50_000, 30_000, 20_000, 2_000, 0));

        // 100,001 × 6 + 50,000 × 0.60 + 30,000 × 7.50 + 20,000 × 12 + 2,000 × 22.50 = 1,140,006 per 1M.
        Assert.Equal(1.140006m, cost.CostUsd);
    }

    [Fact]
    public void Calculate_TotalInputAtThreshold_UsesBasePrices()
    {
        var cost = Price("anthropic", "claude-sonnet-4-5", new TokenUsage(100_000, 50_000, 30_000, 20_000, 2_000, 0));

        // 100,000 × 3 + 50,000 × 0.30 + 30,000 × 3.75 + 20,000 × 6 + 2,000 × 15 = 577,500 per 1M.
        Assert.Equal(0.5775m, cost.CostUsd);
    }

    [Theory]
    [InlineData("google", "gemini-2.5-pro", 150_000, 60_000, 1_000, "0.405")]
    [InlineData("google", "gemini-2.5-pro", 140_000, 60_000, 1_000, "0.1925")]
    [InlineData("openai", "gpt-5.4", 272_001, 0, 0, "1.360005")]
    [InlineData("openai", "gpt-5.4", 272_000, 0, 0, "0.68")]
    public void Calculate_GoogleAndOpenAILongContext_SwitchesAboveThreshold(
        string provider, string model, long input, long cached, long output, string expected)
    {
        var cost = Price(provider, model, new TokenUsage(input, cached, 0, 0, output, 0));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), cost.CostUsd);
    }

    [Fact]
    public void Calculate_SingleTokens_KeepsFullDecimalPrecision()
    {
        var cost = Price("openai", "gpt-5.1-codex-mini", new TokenUsage(0, 1, 0, 0, 0, 0));

        Assert.Equal(0.000000025m, cost.CostUsd);
        Assert.Equal(0.00000025m, cost.CursorTokenFeeUsd);
    }

    [Fact]
    public void Calculate_ReasoningTokens_AreNotBilledTwice()
    {
        var withoutReasoning = Price("openai", "gpt-5", new TokenUsage(2_000, 0, 0, 0, 500, 0));
        var withReasoning = Price("openai", "gpt-5", new TokenUsage(2_000, 0, 0, 0, 500, 400));

        Assert.Equal(withoutReasoning.CostUsd, withReasoning.CostUsd);
        Assert.Equal(withoutReasoning.CursorTokenFeeUsd, withReasoning.CursorTokenFeeUsd);
    }

    [Fact]
    public void Calculate_UnknownModel_IsUnpricedButStillHasCursorFee()
    {
        var cost = Price("openai", "gpt-9-preview", new TokenUsage(2_000, 8_000, 0, 0, 500, 0));

        Assert.True(cost.Unpriced);
        Assert.Null(cost.CostUsd);
        Assert.Null(cost.PricedModel);
        Assert.Equal(Table.Version, cost.PriceVersion);
        Assert.Equal(0.002625m, cost.CursorTokenFeeUsd);
    }

    [Fact]
    public void Calculate_CursorFee_CountsEveryInputBucketAndOutput()
    {
        var cost = Price("anthropic", "claude-haiku-4-5", new TokenUsage(1_000, 20_000, 4_000, 2_000, 800, 300));

        // (1,000 + 20,000 + 4,000 + 2,000 + 800) × 0.25 per 1M.
        Assert.Equal(0.00695m, cost.CursorTokenFeeUsd);
    }

    [Fact]
    public void CursorTokenFee_OneMillionTokens_IsQuarterDollar()
    {
        Assert.Equal(0.25m, CursorTokenFee.PerMillionUsd);
        Assert.Equal(0.25m, CursorTokenFee.For(new TokenUsage(600_000, 100_000, 0, 0, 300_000, 0)));
    }

    [Fact]
    public void Calculate_NoTokens_CostsNothing()
    {
        var cost = Price("openai", "gpt-5", TokenUsage.Zero);

        Assert.Equal(0m, cost.CostUsd);
        Assert.Equal(0m, cost.CursorTokenFeeUsd);
        Assert.False(cost.Unpriced);
    }
}
