using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class FocusCsvWriterTests
{
    private readonly InMemoryAggregateReader _reader = new();

    private async Task<(List<Dictionary<string, string>> Rows, string Text, long Records)> ExportAsync(string from, string to)
    {
        var reports = new AggregateReports(_reader);
        using var writer = new FlushCountingWriter();
        var records = await FocusCsvWriter.WriteAsync(writer, reports.ReadLineRowsAsync(new ReportRange(Day(from), Day(to)), CancellationToken.None), CancellationToken.None);
        return (CsvTestParser.ParseWithHeader(writer.ToString()), writer.ToString(), records);
    }

    private static readonly Dictionary<string, string> Tags = new() { ["team"] = "platform", ["project"] = "checkout" };

    [Fact]
    public async Task Write_ProxyLine_OneUsageRowWithFocusColumns()
    {
        _reader.Add(Record("2026-11-22", cost: 0.25m, tags: Tags, tokens: new TokenUsage(1000, 200, 30, 4, 500, 100)))
            .Add(Record("2026-11-22", cost: 0.5m, tags: Tags, tokens: new TokenUsage(1000, 0, 0, 0, 500, 0), estimated: true));

        var (rows, _, records) = await ExportAsync("2026-11-01", "2026-11-30");

        var row = Assert.Single(rows);
        Assert.Equal(1, records);
        Assert.Equal("0.75", row["BilledCost"]);
        Assert.Equal("0.75", row["EffectiveCost"]);
        Assert.Equal("0.75", row["ListCost"]);
        Assert.Equal("0.75", row["ContractedCost"]);
        Assert.Equal("USD", row["BillingCurrency"]);
        Assert.Equal("anthropic", row["BillingAccountId"]);
        Assert.Equal("2026-11-01T00:00:00Z", row["BillingPeriodStart"]);
        Assert.Equal("2026-12-01T00:00:00Z", row["BillingPeriodEnd"]);
        Assert.Equal("2026-11-22T00:00:00Z", row["ChargePeriodStart"]);
        Assert.Equal("2026-11-23T00:00:00Z", row["ChargePeriodEnd"]);
        Assert.Equal("Usage", row["ChargeCategory"]);
        Assert.Equal(string.Empty, row["ChargeClass"]);
        Assert.Equal("claude-sonnet-4-5 tokens via KeyMeter proxy", row["ChargeDescription"]);
        Assert.Equal("Usage-Based", row["ChargeFrequency"]);
        Assert.Equal("3234", row["ConsumedQuantity"]);
        Assert.Equal("Tokens", row["ConsumedUnit"]);
        Assert.Equal("3234", row["PricingQuantity"]);
        Assert.Equal("Standard", row["PricingCategory"]);
        Assert.Equal("Anthropic", row["ProviderName"]);
        Assert.Equal("Anthropic", row["PublisherName"]);
        Assert.Equal("Anthropic", row["InvoiceIssuerName"]);
        Assert.Equal("Anthropic API", row["ServiceName"]);
        Assert.Equal("AI and Machine Learning", row["ServiceCategory"]);
        Assert.Equal("claude-sonnet-4-5", row["SkuId"]);
        Assert.Equal(AliceKey, row["ResourceId"]);
        Assert.Equal("alice@example.com", row["ResourceName"]);
        Assert.Equal("KeyMeter Key", row["ResourceType"]);
        Assert.Equal(string.Empty, row["RegionId"]);
        Assert.Equal(string.Empty, row["SubAccountId"]);
        Assert.Equal("2000", row["x_InputTokens"]);
        Assert.Equal("1000", row["x_OutputTokens"]);
        Assert.Equal("200", row["x_CachedInputTokens"]);
        Assert.Equal("34", row["x_CacheWriteTokens"]);
        Assert.Equal("2", row["x_Requests"]);
        Assert.Equal("1", row["x_EstimatedRequests"]);
        Assert.Equal("0", row["x_UnpricedRequests"]);
    }

    [Fact]
    public async Task Write_CursorSeat_RecurringPurchaseRowFromCursor()
    {
        var people = KeyMeter.Core.People.PeopleDirectory.Empty;
        _reader.Add(KeyMeter.Core.Cursor.CursorRecords.Seat(Day("2026-11-22"), "dev@corp.com", 30m, people))
            .Add(KeyMeter.Core.Cursor.CursorRecords.Seat(Day("2026-11-22"), "ops@corp.com", 30m, people));

        var (rows, _, _) = await ExportAsync("2026-11-01", "2026-11-30");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("Purchase", row["ChargeCategory"]);
            Assert.Equal("Recurring", row["ChargeFrequency"]);
            Assert.Equal("1", row["BilledCost"]);
            Assert.Equal("Cursor", row["InvoiceIssuerName"]);
            Assert.Equal("Cursor Seats", row["ServiceName"]);
        });
    }

    [Fact]
    public async Task Write_EveryRow_HasEveryColumnInOrder()
    {
        _reader.Add(Record("2026-11-22", cursorFee: 0.001m));

        var (_, text, _) = await ExportAsync("2026-11-22", "2026-11-22");

        var records = CsvTestParser.Parse(text);
        Assert.Equal(FocusCsvWriter.Columns, records[0]);
        Assert.Contains("BilledCost", records[0]);
        Assert.Contains("x_UnpricedRequests", records[0]);
        Assert.Equal(3, records.Count);
        Assert.All(records, record => Assert.Equal(FocusCsvWriter.Columns.Count, record.Length));
    }

    [Fact]
    public async Task Write_TagsColumn_JsonOfKeyTagsDeveloperAndSource()
    {
        _reader.Add(Record("2026-11-22", owner: "Alice+ops@Example.com", tags: Tags));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-11-22");

        using var tags = JsonDocument.Parse(Assert.Single(rows)["Tags"]);
        Assert.Equal(
            [("project", "checkout"), ("team", "platform"), ("developer", "alice+ops@example.com"), ("source", "proxy")],
            tags.RootElement.EnumerateObject().Select(property => (property.Name, property.Value.GetString()!)));
    }

    [Fact]
    public async Task Write_KeyTagNamedLikeOurs_KeyMeterValueWins()
    {
        _reader.Add(Record("2026-11-22", tags: new Dictionary<string, string> { ["developer"] = "someone-else", ["source"] = "x" }));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-11-22");

        using var tags = JsonDocument.Parse(Assert.Single(rows)["Tags"]);
        Assert.Equal("alice@example.com", tags.RootElement.GetProperty("developer").GetString());
        Assert.Equal("proxy", tags.RootElement.GetProperty("source").GetString());
        Assert.Equal(2, tags.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task Write_CursorFee_SecondRowBilledByCursorWithoutCounts()
    {
        _reader.Add(Record("2026-11-22", model: "gpt-5", provider: "openai", cost: 0.02m, cursorFee: 0.0000425m, tokens: new TokenUsage(100, 0, 0, 0, 70, 0)));

        var (rows, _, records) = await ExportAsync("2026-11-22", "2026-11-22");

        Assert.Equal(2, records);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("OpenAI", "OpenAI API", "0.02", "1"), (rows[0]["ProviderName"], rows[0]["ServiceName"], rows[0]["BilledCost"], rows[0]["x_Requests"]));
        var fee = rows[1];
        Assert.Equal("0.0000425", fee["BilledCost"]);
        Assert.Equal("0.0000425", fee["EffectiveCost"]);
        Assert.Equal("Cursor", fee["ProviderName"]);
        Assert.Equal("Cursor", fee["PublisherName"]);
        Assert.Equal("Cursor", fee["InvoiceIssuerName"]);
        Assert.Equal("Cursor Token Fee", fee["ServiceName"]);
        Assert.Equal("Cursor Token Fee on gpt-5 tokens", fee["ChargeDescription"]);
        Assert.Equal("170", fee["ConsumedQuantity"]);
        Assert.Equal("gpt-5", fee["SkuId"]);
        Assert.Equal(AliceKey, fee["ResourceId"]);
        Assert.Equal(string.Empty, fee["x_Requests"]);
        Assert.Equal(string.Empty, fee["x_InputTokens"]);
    }

    [Fact]
    public async Task Write_UnpricedLine_ZeroCostAndUnpricedCount()
    {
        _reader.Add(Record("2026-11-22", model: "new-model", cost: null));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-11-22");

        var row = Assert.Single(rows);
        Assert.Equal("0", row["BilledCost"]);
        Assert.Equal("1", row["x_UnpricedRequests"]);
    }

    [Fact]
    public async Task Write_CursorUsageWithoutKey_BilledByCursorNoResource()
    {
        _reader.Add(Record("2026-11-22", source: UsageSources.Cursor, keyId: string.Empty, cost: 0.3m));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-11-22");

        var row = Assert.Single(rows);
        Assert.Equal(("Cursor", "Anthropic", "Cursor"), (row["ProviderName"], row["PublisherName"], row["InvoiceIssuerName"]));
        Assert.Equal("claude-sonnet-4-5 tokens via Cursor", row["ChargeDescription"]);
        Assert.Equal(string.Empty, row["ResourceId"]);
        Assert.Equal(string.Empty, row["ResourceName"]);
        Assert.Equal(string.Empty, row["ResourceType"]);
        Assert.Equal("cursor", JsonDocument.Parse(row["Tags"]).RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Write_ManyLinesAndDays_OrderedByDayThenLine()
    {
        _reader.Add(Record("2026-11-23", model: "b-model"))
            .Add(Record("2026-11-22", model: "z-model"))
            .Add(Record("2026-11-22", model: "a-model", keyId: BobKey, owner: "bob@example.com"))
            .Add(Record("2026-12-01", model: "c-model"));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-12-01");

        Assert.Equal(
            [("2026-11-22T00:00:00Z", "a-model"), ("2026-11-22T00:00:00Z", "z-model"), ("2026-11-23T00:00:00Z", "b-model"), ("2026-12-01T00:00:00Z", "c-model")],
            rows.Select(row => (row["ChargePeriodStart"], row["SkuId"])));
        Assert.Equal("2027-01-01T00:00:00Z", rows[^1]["BillingPeriodEnd"]);
    }

    [Fact]
    public async Task Write_FormulaInModelName_Neutralised()
    {
        _reader.Add(Record("2026-11-22", model: "=cmd|' /C calc'!A0"));

        var (rows, _, _) = await ExportAsync("2026-11-22", "2026-11-22");

        Assert.Equal("'=cmd|' /C calc'!A0", Assert.Single(rows)["SkuId"]);
    }
}
