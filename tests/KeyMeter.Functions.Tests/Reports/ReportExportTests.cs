using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Reports;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ReportExportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AliceKey = "key_00000000000000000a11";
    private const string UsageHeader =
        "date,dimension,value,requests,input_tokens,cached_input_tokens,cache_write_5m_tokens,cache_write_1h_tokens,"
        + "output_tokens,reasoning_tokens,total_tokens,cost_usd,cursor_fee_usd,estimated_requests,unpriced_requests";

    private readonly FakeAggregateReader _reader = new();
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateReader>(_reader));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default) =>
        _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    [Fact]
    public async Task ExportCsv_Range_CsvAttachmentStreamedWithARecordPerValue()
    {
        _reader.Add("2026-03-01", AliceKey, "alice@example.com", "=cmd|' /C calc'!A0", 0.000123456789m);

        using var response = await GetAsync("/reports/export.csv?from=2026-03-01&to=2026-03-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("keymeter-usage-2026-03-01-to-2026-03-31.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(UsageHeader, lines[0]);
        Assert.Contains("2026-03-01,org,all,1,100,20,5,1,50,10,176,0.000123456789,0,0,0", lines);
        Assert.Contains("2026-03-01,model,'=cmd|' /C calc'!A0,1,100,20,5,1,50,10,176,0.000123456789,0,0,0", lines);
        Assert.DoesNotContain(lines, line => line.Contains(",line,", StringComparison.Ordinal));
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public async Task ExportCsv_LaterMonthStillReading_EarlierDaysAlreadyDownloaded()
    {
        _reader.Add("2026-03-01", AliceKey, "alice@example.com", "gpt-5", 1m)
            .Add("2026-03-02", AliceKey, "alice@example.com", "gpt-5", 2m)
            .Add("2026-04-01", AliceKey, "alice@example.com", "gpt-5", 4m);
        var april = _reader.Hold("2026-04");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await GetAsync("/reports/export.csv?from=2026-03-01&to=2026-04-30", timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var early = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("2026-03-01,source", StringComparison.Ordinal))
        {
            early.Add(line);
        }

        Assert.False(april.Task.IsCompleted);
        Assert.Contains("2026-03-01,org,all,1,100,20,5,1,50,10,176,1,0,0,0", early);
        april.SetResult();
        var rest = await reader.ReadToEndAsync(timeout.Token);
        Assert.Contains("2026-04-01,org,all,1,100,20,5,1,50,10,176,4,0,0,0", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFocus_Range_FocusCsvAttachment()
    {
        _reader.Add("2026-03-01", AliceKey, "alice@example.com", "gpt-5", 0.02m, cursorFee: 0.000044m, tags: new Dictionary<string, string> { ["team"] = "platform" });

        using var response = await GetAsync("/reports/export.focus.csv?from=2026-03-01&to=2026-03-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("keymeter-focus-2026-03-01-to-2026-03-01.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("0.02,openai,OpenAI,USD,2026-04-01T00:00:00Z,2026-03-01T00:00:00Z,Usage,,gpt-5 tokens via KeyMeter proxy,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("0.000044,cursor,Cursor,USD,", lines[2], StringComparison.Ordinal);
        Assert.Contains("Cursor Token Fee", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"team\"\":\"\"platform\"\",\"\"developer\"\":\"\"alice@example.com\"\",\"\"source\"\":\"\"proxy\"\"}\"", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/export.csv?from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("/reports/export.csv?from=2024-01-01&to=2026-01-01", "from")]
    [InlineData("/reports/export.focus.csv?to=31.03.2026", "to")]
    public async Task Export_BadRange_400ProblemNotCsv(string path, string parameter)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
