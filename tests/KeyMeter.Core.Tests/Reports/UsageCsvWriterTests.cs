using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class UsageCsvWriterTests
{
    private const string Header =
        "date,dimension,value,requests,input_tokens,cached_input_tokens,cache_write_5m_tokens,cache_write_1h_tokens,"
        + "output_tokens,reasoning_tokens,total_tokens,cost_usd,cursor_fee_usd,estimated_requests,unpriced_requests";

    private readonly InMemoryAggregateReader _reader = new();

    private async Task<(string Text, long Records, int Flushes)> ExportAsync(string from, string to)
    {
        var reports = new AggregateReports(_reader);
        using var writer = new FlushCountingWriter();
        var records = await UsageCsvWriter.WriteAsync(writer, reports.ReadDailyRowsAsync(new ReportRange(Day(from), Day(to)), CancellationToken.None), CancellationToken.None);
        return (writer.ToString(), records, writer.Flushes);
    }

    [Fact]
    public async Task Write_OneRecordPerDayDimensionValue_WithoutLineRows()
    {
        _reader.Add(Record("2026-03-01", cost: 0.000123456789m, cursorFee: 0.0000425m, tags: new Dictionary<string, string> { ["team"] = "platform" }))
            .Add(Record("2026-03-02", keyId: BobKey, owner: "bob@example.com", model: "gpt-5", provider: "openai", cost: 1.5m, tokens: new TokenUsage(10, 0, 0, 0, 5, 0)));

        var (text, records, _) = await ExportAsync("2026-03-01", "2026-03-31");

        var lines = text.Split("\r\n");
        Assert.Equal(Header, lines[0]);
        Assert.Equal(
            [
                "2026-03-01,developer,alice@example.com,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,key,key_00000000000000000a11,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,model,claude-sonnet-4-5,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,org,all,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,provider,anthropic,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,source,proxy,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-01,tag.team,platform,1,100,20,5,1,50,10,176,0.000123456789,0.0000425,0,0",
                "2026-03-02,developer,bob@example.com,1,10,0,0,0,5,0,15,1.5,0,0,0",
                "2026-03-02,key,key_00000000000000000b0b,1,10,0,0,0,5,0,15,1.5,0,0,0",
                "2026-03-02,model,gpt-5,1,10,0,0,0,5,0,15,1.5,0,0,0",
                "2026-03-02,org,all,1,10,0,0,0,5,0,15,1.5,0,0,0",
                "2026-03-02,provider,openai,1,10,0,0,0,5,0,15,1.5,0,0,0",
                "2026-03-02,source,proxy,1,10,0,0,0,5,0,15,1.5,0,0,0",
                string.Empty,
            ],
            lines[1..]);
        Assert.Equal(13, records);
    }

    [Fact]
    public async Task Write_ValuesOfOneDimension_SortedAcrossBuckets()
    {
        foreach (var owner in new[] { "zed@example.com", "amy@example.com", "mo@example.com", "kim@example.com", "bea@example.com" })
        {
            _reader.Add(Record("2026-03-01", owner: owner));
        }

        var (text, _, _) = await ExportAsync("2026-03-01", "2026-03-01");

        var developers = CsvTestParser.ParseWithHeader(text).Where(row => row["dimension"] == "developer").Select(row => row["value"]);
        Assert.Equal(["amy@example.com", "bea@example.com", "kim@example.com", "mo@example.com", "zed@example.com"], developers);
    }

    [Fact]
    public async Task Write_UserTextThatLooksLikeAFormula_Neutralised()
    {
        _reader.Add(Record("2026-03-01", model: "=HYPERLINK(\"http://evil\",\"x\")", tags: new Dictionary<string, string> { ["team"] = "@team, \"ops\"" }));

        var (text, _, _) = await ExportAsync("2026-03-01", "2026-03-01");

        var rows = CsvTestParser.ParseWithHeader(text);
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", rows.Single(row => row["dimension"] == "model")["value"]);
        Assert.Equal("'@team, \"ops\"", rows.Single(row => row["dimension"] == "tag.team")["value"]);
    }

    [Fact]
    public async Task Write_SeveralDays_FlushesAsEachDayEnds()
    {
        _reader.Add(Record("2026-02-27")).Add(Record("2026-02-28")).Add(Record("2026-03-01"));

        var (_, _, flushes) = await ExportAsync("2026-02-01", "2026-03-31");

        Assert.Equal(3, flushes);
    }

    [Fact]
    public async Task Write_NoUsage_HeaderOnly()
    {
        var (text, records, _) = await ExportAsync("2026-03-01", "2026-03-31");

        Assert.Equal(Header + "\r\n", text);
        Assert.Equal(0, records);
    }
}
