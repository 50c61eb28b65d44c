using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Tests.Pricing;

public sealed class PriceTableParseTests
{
    private const string Rates = """ "input": 3, "cachedInput": 0.3, "cacheWrite5m": 3.75, "cacheWrite1h": 6, "output": 15 """;

    private static string Table(params string[] models) =>
        $$"""{ "version": "test-1", "source": "unit test", "models": [ {{string.Join(",", models)}} ] }""";

    private static string Model(string model, string periods, string aliases = "", string prefixes = "", string provider = "anthropic") =>
        $$"""
        { "provider": "{{provider}}", "model": "{{model}}", "aliases": [{{aliases}}], "prefixes": [{{prefixes}}], "periods": [ {{periods}} ] }
        """;

    private static string Period(string from, string? to = null, string rates = Rates) =>
        to is null
            ? $$"""{ "effectiveFrom": "{{from}}", {{rates}} }"""
            : $$"""{ "effectiveFrom": "{{from}}", "effectiveTo": "{{to}}", {{rates}} }""";

    private static string RejectionOf(string json) => Assert.Throws<PriceTableException>(() => PriceTable.Parse(json)).Message;

    [Fact]
    public void Parse_ValidTable_LoadsAndFinds()
    {
        var table = PriceTable.Parse(Table(
            Model("model-a", Period("2026-01-01", "2026-02-01") + "," + Period("2026-02-01"), aliases: "\"model-a-1\"", prefixes: "\"model-a-\"")));

        Assert.Equal("test-1", table.Version);
        Assert.Equal("unit test", table.Source);
        Assert.Equal("model-a", table.Find("anthropic", "model-a-2026", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)).PricedModel);
    }

    [Fact]
    public void Parse_AliasOfTwoModels_IsRejectedNamingBoth()
    {
        var message = RejectionOf(Table(
            Model("model-a", Period("2026-01-01"), aliases: "\"shared\""),
            Model("model-b", Period("2026-01-01"), aliases: "\"SHARED\"")));

        Assert.Contains("model 'model-b'", message, StringComparison.Ordinal);
        Assert.Contains("alias 'SHARED' is already claimed by model 'model-a'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasEqualToAnotherModelsId_IsRejected()
    {
        var message = RejectionOf(Table(
            Model("model-a", Period("2026-01-01")),
            Model("model-b", Period("2026-01-01"), aliases: "\"model-a\"")));

        Assert.Contains("model 'model-b'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrefixOfTwoModels_IsRejectedNamingModel()
    {
        var message = RejectionOf(Table(
            Model("model-a", Period("2026-01-01"), prefixes: "\"model-\""),
            Model("model-b", Period("2026-01-01"), prefixes: "\"model-\"")));

        Assert.Contains("model 'model-b'", message, StringComparison.Ordinal);
        Assert.Contains("prefix 'model-'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativePrice_IsRejectedNamingModel()
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-01-01", rates: Rates.Replace("\"output\": 15", "\"output\": -15", StringComparison.Ordinal)))));

        Assert.Contains("model 'model-a'", message, StringComparison.Ordinal);
        Assert.Contains("negative", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-03-01", "2026-02-01")]
    [InlineData("2026-01-01", null, "2026-06-01")]
    public void Parse_OverlappingPeriods_AreRejectedNamingModel(string firstFrom, string? firstTo, string secondFrom)
    {
        var message = RejectionOf(Table(Model("model-a", Period(secondFrom) + "," + Period(firstFrom, firstTo))));

        Assert.Contains($"model 'model-a' (anthropic): period from {secondFrom}: overlaps the period from {firstFrom}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PeriodEndingBeforeItStarts_IsRejected()
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-02-01", "2026-02-01"))));

        Assert.Contains("model 'model-a'", message, StringComparison.Ordinal);
        Assert.Contains("'effectiveTo' 2026-02-01 is not after 'effectiveFrom'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PeriodWithoutPrices_IsRejectedNamingModel()
    {
        var message = RejectionOf(Table(Model("model-a", """{ "effectiveFrom": "2026-01-01" }""")));

        Assert.Contains("model 'model-a'", message, StringComparison.Ordinal);
        Assert.Contains("missing price(s) input, cachedInput, cacheWrite5m, cacheWrite1h, output", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PeriodMissingOneBucket_IsRejectedNamingBucket()
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-01-01", rates: """ "input": 3, "cachedInput": 0.3, "cacheWrite5m": 3.75, "output": 15 """))));

        Assert.Contains("model 'model-a' (anthropic): period from 2026-01-01: missing price(s) cacheWrite1h.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModelWithoutPeriods_IsRejectedNamingModel()
    {
        var message = RejectionOf(Table(Model("model-a", "")));

        Assert.Contains("model 'model-a' (anthropic): 'periods' is missing or empty.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProvider_IsRejectedNamingModel()
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-01-01"), provider: "open-ai")));

        Assert.Contains("model 'model-a' (open-ai): provider 'open-ai' is not one of openai, anthropic, google", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"longContext\": { " + Rates + " }", "'longContext' needs 'longContextThreshold'")]
    [InlineData("\"longContextThreshold\": 200000", "'longContextThreshold' needs 'longContext' prices")]
    [InlineData("\"longContextThreshold\": 0, \"longContext\": { " + Rates + " }", "'longContextThreshold' must be positive")]
    [InlineData("\"longContextThreshold\": 200000, \"longContext\": { \"input\": 6, \"output\": 22.5 }", "long-context tier: missing price(s) cachedInput, cacheWrite5m, cacheWrite1h")]
    public void Parse_InconsistentLongContextTier_IsRejectedNamingModel(string tier, string expected)
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-01-01", rates: Rates + ", " + tier))));

        Assert.Contains("model 'model-a'", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltPriceField_IsRejectedWithItsPath()
    {
        var message = RejectionOf(Table(Model("model-a", Period("2026-01-01", rates: Rates.Replace("cachedInput", "cachedinput", StringComparison.Ordinal)))));

        Assert.Contains("$.models[0].periods[0]", message, StringComparison.Ordinal);
        Assert.Contains("cachedinput", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBadModels_ReportsEveryOne()
    {
        var message = RejectionOf(Table(
            Model("model-a", """{ "effectiveFrom": "2026-01-01" }"""),
            Model("model-b", Period("2026-01-01"), provider: "azure")));

        Assert.Contains("model 'model-a'", message, StringComparison.Ordinal);
        Assert.Contains("model 'model-b'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "source": "x", "models": [] }""")]
    [InlineData("null")]
    [InlineData("""{ "version": "v", "models": [null] }""")]
    [InlineData("""{ "version": "v", "models": [{ "provider": "openai", "model": "m", "periods": [null] }] }""")]
    public void Parse_NotATable_IsRejected(string json) =>
        Assert.Throws<PriceTableException>(() => PriceTable.Parse(json));
}
