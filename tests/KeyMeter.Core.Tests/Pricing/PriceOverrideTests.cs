using System.ComponentModel.DataAnnotations;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Tests.Pricing;

public sealed class PriceOverrideTests
{
    private static readonly PriceTable Table = PriceTable.LoadDefault();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static PriceOverride Sonnet45(decimal input = 2.4m, decimal output = 12m) =>
        new() { Provider = "anthropic", Model = "claude-sonnet-4-5", Input = input, Output = output };

    [Fact]
    public void WithOverrides_ExistingModel_ChangesPriceAndVersion()
    {
        var table = Table.WithOverrides([Sonnet45()]);

        var lookup = table.Find("anthropic", "claude-sonnet-4-5-20250929", Now);

        Assert.Matches($@"^{Table.Version}\+overrides-[0-9a-f]{{8}}$", table.Version);
        Assert.Equal(table.Version, lookup.PriceVersion);
        // Omitted Anthropic cache prices follow 0.1 × / 1.25 × / 2 × input.
        Assert.Equal(new TokenPrices(2.4m, 0.24m, 3m, 4.8m, 12m), lookup.Period?.Prices);
        Assert.Null(lookup.Period?.LongContext);
    }

    [Fact]
    public void WithOverrides_ExistingModel_LeavesBaseTableAndOtherModelsUnchanged()
    {
        var table = Table.WithOverrides([Sonnet45()]);

        Assert.Equal(3m, Table.Find("anthropic", "claude-sonnet-4-5", Now).Period?.Prices.Input);
        Assert.Equal(Table.Find("openai", "gpt-5", Now).Period, table.Find("openai", "gpt-5", Now).Period);
    }

    [Fact]
    public void WithOverrides_OverriddenModel_IsCostedAtNegotiatedPriceWithItsVersion()
    {
        var table = Table.WithOverrides([Sonnet45()]);

        var cost = CostCalculator.Calculate(new TokenUsage(1_000, 20_000, 4_000, 2_000, 800, 0), table.Find("anthropic", "claude-sonnet-4-5", Now));

        // 1,000 × 2.4 + 20,000 × 0.24 + 4,000 × 3 + 2,000 × 4.8 + 800 × 12 = 38,400 per 1M.
        Assert.Equal(0.0384m, cost.CostUsd);
        Assert.Equal(table.Version, cost.PriceVersion);
    }

    [Fact]
    public void WithOverrides_ModelNamedByAlias_OverridesThatModel()
    {
        var table = Table.WithOverrides([new PriceOverride { Provider = "anthropic", Model = "claude-sonnet-4-5-20250929", Input = 2m, Output = 10m }]);

        Assert.Equal(2m, table.Find("anthropic", "claude-sonnet-4-5", Now).Period?.Prices.Input);
    }

    [Fact]
    public void WithOverrides_ModelWithPeriods_AppliesOnEveryDate()
    {
        var table = Table.WithOverrides([new PriceOverride { Provider = "anthropic", Model = "claude-sonnet-5", Input = 1.5m, Output = 7.5m }]);

        Assert.Equal(1.5m, table.Find("anthropic", "claude-sonnet-5", new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero)).Period?.Prices.Input);
        Assert.Equal(1.5m, table.Find("anthropic", "claude-sonnet-5", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)).Period?.Prices.Input);
    }

    [Fact]
    public void WithOverrides_NewModel_IsAddedWithAliasesAndPrefixes()
    {
        var priceOverride = new PriceOverride { Provider = "openai", Model = "gpt-5.6-terra", Input = 3m, Output = 18m };
        priceOverride.Aliases.Add("terra");
        priceOverride.Prefixes.Add("gpt-5.6-terra-");

        var table = Table.WithOverrides([priceOverride]);

        Assert.False(Table.Find("openai", "gpt-5.6-terra", Now).IsFound);
        Assert.Equal("gpt-5.6-terra", table.Find("openai", "terra", Now).PricedModel);
        var lookup = table.Find("openai", "gpt-5.6-terra-2026-08-02", Now);
        Assert.Equal("gpt-5.6-terra", lookup.PricedModel);
        // Omitted OpenAI cached price is the full input price; cache writes are not charged.
        Assert.Equal(new TokenPrices(3m, 3m, 0m, 0m, 18m), lookup.Period?.Prices);
    }

    [Fact]
    public void WithOverrides_LongContextPrices_AddTier()
    {
        var priceOverride = Sonnet45();
        priceOverride.LongContextThreshold = 200_000;
        priceOverride.LongContextInput = 5m;
        priceOverride.LongContextOutput = 20m;

        var tier = Table.WithOverrides([priceOverride]).Find("anthropic", "claude-sonnet-4-5", Now).Period?.LongContext;

        Assert.Equal(new LongContextTier(200_000, new TokenPrices(5m, 0.5m, 6.25m, 10m, 20m)), tier);
    }

    [Fact]
    public void WithOverrides_SameOverridesInOtherOrderAndScale_GiveSameVersion()
    {
        var gpt5 = new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m, CachedInput = 0.1m, Output = 8m };
        var gpt5Rescaled = new PriceOverride { Provider = "OpenAI", Model = "GPT-5", Input = 1.00m, CachedInput = 0.10m, Output = 8.0m };

        var first = Table.WithOverrides([Sonnet45(), gpt5]);
        var second = Table.WithOverrides([gpt5Rescaled, Sonnet45(2.40m)]);

        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public void WithOverrides_DifferentPrice_GivesDifferentVersion()
    {
        var first = Table.WithOverrides([Sonnet45(input: 2.4m)]);
        var second = Table.WithOverrides([Sonnet45(input: 2.5m)]);

        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public void WithOverrides_None_ReturnsSameTable() =>
        Assert.Same(Table, Table.WithOverrides([]));

    [Fact]
    public void WithOverrides_NegativePrice_IsRejectedNamingModel()
    {
        var exception = Assert.Throws<PriceTableException>(() => Table.WithOverrides([Sonnet45(input: -1m)]));

        Assert.Contains("override for model 'claude-sonnet-4-5' (anthropic)", exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(PriceOverride.Input), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOverrides_AliasOfAnotherModel_IsRejectedNamingBothModels()
    {
        var priceOverride = new PriceOverride { Provider = "openai", Model = "my-gpt", Input = 1m, Output = 8m };
        priceOverride.Aliases.Add("gpt-5-2025-08-07");

        var exception = Assert.Throws<PriceTableException>(() => Table.WithOverrides([priceOverride]));

        Assert.Contains("model 'my-gpt'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("already claimed by model 'gpt-5'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOverrides_SameModelTwice_IsRejected()
    {
        var byAlias = new PriceOverride { Provider = "anthropic", Model = "claude-sonnet-4-5-20250929", Input = 2m, Output = 10m };

        var exception = Assert.Throws<PriceTableException>(() => Table.WithOverrides([Sonnet45(), byAlias]));

        Assert.Contains("'claude-sonnet-4-5' is overridden more than once", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteOverride_HasNoErrors() =>
        Assert.Empty(ValidationErrors(Sonnet45()));

    public static TheoryData<PriceOverride, string> InvalidOverrides() => new()
    {
        { new PriceOverride { Provider = "anthropic", Input = 1m, Output = 5m }, nameof(PriceOverride.Model) },
        { new PriceOverride { Model = "claude-sonnet-4-5", Input = 1m, Output = 5m }, nameof(PriceOverride.Provider) },
        { new PriceOverride { Provider = "azure", Model = "gpt-5", Input = 1m, Output = 5m }, nameof(PriceOverride.Provider) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Output = 5m }, nameof(PriceOverride.Input) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m }, nameof(PriceOverride.Output) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m, CachedInput = -0.1m, Output = 5m }, nameof(PriceOverride.CachedInput) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m, Output = 5m, LongContextThreshold = 272_000 }, nameof(PriceOverride.LongContextInput) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m, Output = 5m, LongContextOutput = 9m }, nameof(PriceOverride.LongContextThreshold) },
        { new PriceOverride { Provider = "openai", Model = "gpt-5", Input = 1m, Output = 5m, LongContextThreshold = 0, LongContextInput = 2m, LongContextOutput = 9m }, nameof(PriceOverride.LongContextThreshold) },
    };

    [Theory]
    [MemberData(nameof(InvalidOverrides))]
    public void Validate_IncompleteOrNegativeOverride_NamesTheSetting(PriceOverride priceOverride, string member)
    {
        var errors = ValidationErrors(priceOverride);

        Assert.Contains(errors, error => error.MemberNames.Contains(member));
    }

    private static List<ValidationResult> ValidationErrors(PriceOverride priceOverride)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(priceOverride, new ValidationContext(priceOverride), results, validateAllProperties: true);
        return results;
    }
}
