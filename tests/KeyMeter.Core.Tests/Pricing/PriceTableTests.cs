using System.Globalization;
using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Tests.Pricing;

public sealed class PriceTableTests
{
    private static readonly PriceTable Table = PriceTable.LoadDefault();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LoadDefault_EmbeddedTable_LoadsWithDatedVersionAndSource()
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Table.Version);
        Assert.Contains("genai-prices", Table.Source, StringComparison.Ordinal);
        Assert.Contains("2026-08-21", Table.Source, StringComparison.Ordinal);
        Assert.Same(Table, PriceTable.LoadDefault());
    }

    // The reference's section 5.3 (genai-prices snapshot of 2026-08-21), USD per 1M tokens.
    [Theory]
    [InlineData("openai", "gpt-5", "1.25", "0.125", "10")]
    [InlineData("openai", "gpt-5-codex", "1.25", "0.125", "10")]
    [InlineData("openai", "gpt-5.1", "1.25", "0.125", "10")]
    [InlineData("openai", "gpt-5.1-codex", "1.25", "0.125", "10")]
    [InlineData("openai", "gpt-5.1-codex-max", "1.25", "0.125", "10")]
    [InlineData("openai", "gpt-5.1-codex-mini", "0.25", "0.025", "2")]
    [InlineData("openai", "gpt-5.2", "1.75", "0.175", "14")]
    [InlineData("openai", "gpt-5.2-codex", "1.75", "0.175", "14")]
    [InlineData("openai", "gpt-5.3-codex", "1.75", "0.175", "14")]
    [InlineData("openai", "gpt-5.4", "2.50", "0.25", "15")]
    [InlineData("openai", "gpt-5.5", "5", "0.50", "30")]
    [InlineData("openai", "gpt-5-pro", "15", "15", "120")]
    [InlineData("openai", "gpt-5.2-pro", "21", "21", "168")]
    [InlineData("anthropic", "claude-sonnet-4-0", "3", "0.30", "15")]
    [InlineData("anthropic", "claude-sonnet-4-5", "3", "0.30", "15")]
    [InlineData("anthropic", "claude-sonnet-4-6", "3", "0.30", "15")]
    [InlineData("anthropic", "claude-opus-4-0", "15", "1.50", "75")]
    [InlineData("anthropic", "claude-opus-4-1", "15", "1.50", "75")]
    [InlineData("anthropic", "claude-opus-4-5", "5", "0.50", "25")]
    [InlineData("anthropic", "claude-opus-4-6", "5", "0.50", "25")]
    [InlineData("anthropic", "claude-opus-4-7", "5", "0.50", "25")]
    [InlineData("anthropic", "claude-opus-4-8", "5", "0.50", "25")]
    [InlineData("anthropic", "claude-opus-5", "5", "0.50", "25")]
    [InlineData("anthropic", "claude-sonnet-5", "3", "0.30", "15")]
    [InlineData("anthropic", "claude-haiku-4-5", "1", "0.10", "5")]
    [InlineData("google", "gemini-2.5-pro", "1.25", "0.125", "10")]
    [InlineData("google", "gemini-3-pro-preview", "2", "0.20", "12")]
    [InlineData("google", "gemini-3.1-pro-preview", "2", "0.20", "12")]
    public void Find_ReferenceModel_HasReferencePrices(string provider, string model, string input, string cachedInput, string output)
    {
        var lookup = Table.Find(provider, model, Now);

        Assert.True(lookup.IsFound, model);
        Assert.Equal(decimal.Parse(input, CultureInfo.InvariantCulture), lookup.Period.Prices.Input);
        Assert.Equal(decimal.Parse(cachedInput, CultureInfo.InvariantCulture), lookup.Period.Prices.CachedInput);
        Assert.Equal(decimal.Parse(output, CultureInfo.InvariantCulture), lookup.Period.Prices.Output);
    }

    [Theory]
    [InlineData("anthropic", "claude-sonnet-4-5", 200_000, "6", "0.60", "7.50", "12", "22.50")]
    [InlineData("openai", "gpt-5.4", 272_000, "5", "0.50", "0", "0", "22.50")]
    [InlineData("google", "gemini-2.5-pro", 200_000, "2.50", "0.25", "0", "0", "15")]
    [InlineData("google", "gemini-3-pro-preview", 200_000, "4", "0.40", "0", "0", "18")]
    [InlineData("google", "gemini-3.1-pro-preview", 200_000, "4", "0.40", "0", "0", "18")]
    public void Find_LongContextModel_HasReferenceTier(
        string provider, string model, long threshold, string input, string cachedInput, string write5m, string write1h, string output)
    {
        var tier = Table.Find(provider, model, Now).Period?.LongContext;

        Assert.NotNull(tier);
        Assert.Equal(threshold, tier.ThresholdTokens);
        Assert.Equal(
            new TokenPrices(Dec(input), Dec(cachedInput), Dec(write5m), Dec(write1h), Dec(output)),
            tier.Prices);
    }

    [Fact]
    public void LoadDefault_AnthropicPrices_FollowCacheMultipliers()
    {
        var prices = Table.Models
            .Where(model => model.Provider == PriceProviders.Anthropic)
            .SelectMany(model => model.Periods)
            .SelectMany(AllPrices)
            .ToList();

        Assert.NotEmpty(prices);
        Assert.All(prices, price =>
        {
            Assert.Equal(price.Input * 0.1m, price.CachedInput);
            Assert.Equal(price.Input * 1.25m, price.CacheWrite5m);
            Assert.Equal(price.Input * 2m, price.CacheWrite1h);
        });
    }

    [Fact]
    public void LoadDefault_OpenAIAndGooglePrices_ChargeNoCacheWrites()
    {
        var prices = Table.Models
            .Where(model => model.Provider != PriceProviders.Anthropic)
            .SelectMany(model => model.Periods)
            .SelectMany(AllPrices)
            .ToList();

        Assert.NotEmpty(prices);
        Assert.All(prices, price => Assert.Equal((0m, 0m), (price.CacheWrite5m, price.CacheWrite1h)));
    }

    [Theory]
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("anthropic", "claude-sonnet-4-5-20260115", "claude-sonnet-4-5")]
    [InlineData("anthropic", "claude-opus-4-5-20251101", "claude-opus-4-5")]
    [InlineData("anthropic", "claude-opus-4-20250514", "claude-opus-4-0")]
    [InlineData("anthropic", "claude-opus-4-1-20250805", "claude-opus-4-1")]
    [InlineData("anthropic", "claude-sonnet-4-20250514", "claude-sonnet-4-0")]
    [InlineData("anthropic", "claude-haiku-4-5-20251001", "claude-haiku-4-5")]
    [InlineData("anthropic", "claude-sonnet-5-20260401", "claude-sonnet-5")]
    [InlineData("openai", "gpt-5-2025-08-07", "gpt-5")]
    [InlineData("openai", "gpt-5-2026-02-01", "gpt-5")]
    [InlineData("openai", "gpt-5.1-codex-mini", "gpt-5.1-codex-mini")]
    [InlineData("openai", "gpt-5.1-codex-mini-2025-11-13", "gpt-5.1-codex-mini")]
    [InlineData("openai", "gpt-5.1-codex-max-2025-12-04", "gpt-5.1")]
    [InlineData("openai", "gpt-5-mini-2025-08-07", "gpt-5-mini")]
    [InlineData("openai", "gpt-5-pro-2025-10-06", "gpt-5-pro")]
    [InlineData("openai", "gpt-5.2-pro-2025-12-11", "gpt-5.2-pro")]
    [InlineData("google", "gemini-2.5-pro-preview-06-05", "gemini-2.5-pro")]
    public void Find_DatedId_ResolvesToCanonicalModel(string provider, string model, string expected)
    {
        var lookup = Table.Find(provider, model, Now);

        Assert.True(lookup.IsFound);
        Assert.Equal(expected, lookup.PricedModel);
        Assert.Equal(provider, lookup.Provider);
        Assert.Equal(model, lookup.RequestedModel);
    }

    [Theory]
    [InlineData("openai", "GPT-5-Codex", "gpt-5")]
    [InlineData("OpenAI", "gpt-5", "gpt-5")]
    [InlineData("openai", "openai/gpt-5.2", "gpt-5.2")]
    [InlineData("anthropic", "anthropic/claude-haiku-4-5", "claude-haiku-4-5")]
    [InlineData("google", "models/gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("openai", "gpt-5-chat-latest", "gpt-5")]
    [InlineData("openai", " gpt-5.1 ", "gpt-5.1")]
    [InlineData("anthropic", "claude-opus-4-8-thinking-high", "claude-opus-4-8")]
    [InlineData("anthropic", "claude-4.5-sonnet", "claude-sonnet-4-5")]
    [InlineData("anthropic", "claude-4-sonnet-thinking", "claude-sonnet-4-0")]
    [InlineData("", "claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("", "gpt-5", "gpt-5")]
    public void Find_CaseRoutingPrefixLatestSuffixOrNoProvider_StillMatches(string provider, string model, string expected) =>
        Assert.Equal(expected, Table.Find(provider, model, Now).PricedModel);

    [Fact]
    public void Find_Gpt51CodexMini_DoesNotGetGpt51Price()
    {
        var codexMini = Table.Find("openai", "gpt-5.1-codex-mini-2025-11-13", Now);
        var gpt51 = Table.Find("openai", "gpt-5.1-codex-2025-11-13", Now);

        Assert.Equal("gpt-5.1-codex-mini", codexMini.PricedModel);
        Assert.Equal("gpt-5.1", gpt51.PricedModel);
        Assert.Equal(0.25m, codexMini.Period?.Prices.Input);
        Assert.NotEqual(gpt51.Period?.Prices, codexMini.Period?.Prices);
    }

    [Theory]
    [InlineData("openai", "gpt-9")]
    [InlineData("openai", "gpt-5.6-terra")]
    [InlineData("openai", "o3-mini")]
    [InlineData("openai", "gpt-4o-2024-05-13")]
    [InlineData("anthropic", "claude-opus-5-5")]
    [InlineData("anthropic", "claude-sonnet-5-5")]
    [InlineData("openai", "claude-sonnet-4-5")]
    [InlineData("google", "gpt-5")]
    [InlineData("openai", "")]
    [InlineData("openai", "openai/")]
    public void Find_UnknownLookalikeOrOtherProviderModel_IsNotFound(string provider, string model)
    {
        var lookup = Table.Find(provider, model, Now);

        Assert.False(lookup.IsFound);
        Assert.Null(lookup.PricedModel);
        Assert.Null(lookup.Period);
        Assert.Equal(Table.Version, lookup.PriceVersion);
        Assert.Equal(model, lookup.RequestedModel);
    }

    [Fact]
    public void Find_DayBeforeFirstPeriod_IsNotFound() =>
        Assert.False(Table.Find("openai", "o3", new DateTimeOffset(2025, 4, 15, 23, 0, 0, TimeSpan.Zero)).IsFound);

    [Theory]
    [InlineData("2026-08-31T23:59:59+00:00", "2")]
    [InlineData("2026-09-01T00:00:00+00:00", "3")]
    [InlineData("2026-09-01T01:00:00+02:00", "2")]
    [InlineData("2026-08-31T22:30:00-02:00", "3")]
    public void Find_Sonnet5AroundEndOfIntroPrice_UsesUtcDayOfCall(string at, string expectedInput)
    {
        var lookup = Table.Find("anthropic", "claude-sonnet-5", DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));

        Assert.Equal(Dec(expectedInput), lookup.Period?.Prices.Input);
    }

    [Fact]
    public void Find_Sonnet5IntroPeriod_HasIntroPrices()
    {
        var prices = Table.Find("anthropic", "claude-sonnet-5", new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero)).Period?.Prices;

        Assert.Equal(new TokenPrices(2m, 0.2m, 2.5m, 4m, 10m), prices);
    }

    [Fact]
    public void Find_Sonnet46AroundSurchargeRemoval_DropsLongContextTier()
    {
        var before = Table.Find("anthropic", "claude-sonnet-4-6", new DateTimeOffset(2026, 3, 12, 23, 59, 0, TimeSpan.Zero));
        var after = Table.Find("anthropic", "claude-sonnet-4-6", new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.Zero));

        Assert.NotNull(before.Period?.LongContext);
        Assert.True(after.IsFound);
        Assert.Null(after.Period.LongContext);
    }

    [Theory]
    [InlineData(2025, 6, 9, "10")]
    [InlineData(2025, 6, 10, "2")]
    public void Find_O3AroundPriceCut_UsesPeriodOfDay(int year, int month, int day, string expectedInput) =>
        Assert.Equal(Dec(expectedInput), Table.Find("openai", "o3", new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero)).Period?.Prices.Input);

    private static IEnumerable<TokenPrices> AllPrices(PricePeriod period) =>
        period.LongContext is { } tier ? [period.Prices, tier.Prices] : [period.Prices];

    private static decimal Dec(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
