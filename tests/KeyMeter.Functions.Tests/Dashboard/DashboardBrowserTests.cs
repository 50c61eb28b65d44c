using System.Globalization;
using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KeyMeter.Functions.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's headless Chromium, driven by Playwright, against the real app in local mode with usage
/// counted into Azurite by the real aggregator. Checks the seeded totals in the chart, legend and tables, the grouping
/// control, the budgets, that the page runs under its Content-Security-Policy without a single console error, and
/// keeps a screenshot in <c>artifacts/dashboard.png</c>.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DashboardBrowserTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Dashboard_SeededUsage_ChartsAndTablesShowTheTotals()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var alice = await CreateKeyAsync("alice-laptop", "alice@example.com", """{"daily":10,"monthly":100}""");
        var bob = await CreateKeyAsync("bob-laptop", "bob@example.com", """{"daily":5}""");
        await AggregateAsync(
            Usage(alice, "alice@example.com", today.AddDays(-2), "gpt-5", 1.25m, "checkout"),
            Usage(alice, "alice@example.com", today.AddDays(-1), "claude-sonnet-4-5", 2.5m, "checkout"),
            Usage(bob, "bob@example.com", today, "gpt-5", 4m, "payments") with { Agent = "codex", SessionId = "conv-bob-1" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text + " " + message.Location);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        // 1. Without a key the page asks for one; the key goes into the tab's session storage only.
        await page.GotoAsync(new Uri(_app.Client.BaseAddress!, "/dashboard").AbsoluteUri);
        await page.FillAsync("#functionKey", RunningApp.FunctionKey);
        await page.ClickAsync("#keyForm button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        // 2. The totals, the chart's stacks and its legend, by developer.
        Assert.Equal("$7.75", await page.TextContentAsync("#totalSpend"));
        Assert.Equal("3", await page.TextContentAsync("#totalRequests"));
        Assert.Equal(["bob@example.com $4.00", "alice@example.com $3.75"], await LegendAsync(page));
        Assert.Equal("4", await page.GetAttributeAsync($"#spendChart rect.day[data-day='{Day(today)}']", "data-total"));
        Assert.Equal(3, await page.Locator("#spendChart rect[data-value]").CountAsync());
        Assert.Equal("2.5", await page.GetAttributeAsync($"#spendChart rect[data-day='{Day(today.AddDays(-1))}'][data-value='alice@example.com']", "data-usd"));

        // 3. Tables: top developers and projects, budgets closest to their limit first, the most expensive sessions (Bob's
        //    named by his agent, Alice's two days cut at the idle gap).
        Assert.Equal(["bob@example.com|$4.00|1", "alice@example.com|$3.75|2"], await RowsAsync(page, "#developers"));
        Assert.Equal(["payments|$4.00|1", "checkout|$3.75|2"], await RowsAsync(page, "#projects"));
        var budgets = await RowsAsync(page, "#budgets");
        Assert.Equal(2, budgets.Count);
        Assert.StartsWith("bob-laptop|bob@example.com|$4.00 of $5.00 (80%)|-", budgets[0], StringComparison.Ordinal);
        Assert.Equal("1", await page.TextContentAsync("#nearLimit"));
        Assert.Equal(
            [
                $"bob@example.com|codex|{Day(today)} 00:30|0 min|gpt-5|1|1,200|$4.00",
                $"alice@example.com|other|{Day(today.AddDays(-1))} 00:30|0 min|claude-sonnet-4-5|1|1,200|$2.50",
                $"alice@example.com|other|{Day(today.AddDays(-2))} 00:30|0 min|gpt-5|1|1,200|$1.25",
            ],
            await RowsAsync(page, "#sessions"));
        Assert.Equal(["codex|$4.00|1|1|$4.00|-|0%|-|-|-", "other|$3.75|1|2|$1.88|-|0%|-|-|-"], await RowsAsync(page, "#agents"));

        // 4. The grouping control restacks the chart by model.
        await page.SelectOptionAsync("#groupBy", "model");
        await page.WaitForFunctionAsync("() => document.getElementById('chartTitle').textContent.includes('model')");
        await page.WaitForSelectorAsync("#legend li[data-value='gpt-5']");
        Assert.Equal(["gpt-5 $5.25", "claude-sonnet-4-5 $2.50"], await LegendAsync(page));

        var screenshot = Path.Combine(ArtifactsDirectory(), "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("Dashboard screenshot: " + screenshot);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Dashboard_WrongKey_ShowsTheRefusalAndAsksAgain()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_app.Client.BaseAddress!, "/dashboard").AbsoluteUri);
        await page.FillAsync("#functionKey", "not-the-function-key");
        await page.ClickAsync("#keyForm button[type=submit]");
        await page.WaitForSelectorAsync("#status.error");

        Assert.Contains("refused", await page.TextContentAsync("#status"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#login"));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('keymeter.functionKey')"));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string>> LegendAsync(IPage page) =>
        [.. (await page.Locator("#legend li").AllTextContentsAsync()).Select(text => text.Trim())];

    private static async Task<List<string>> RowsAsync(IPage page, string table)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator(table + " tbody tr").AllAsync())
        {
            rows.Add(string.Join('|', (await row.Locator("td").AllTextContentsAsync()).Select(text => text.Trim())));
        }

        return rows;
    }

    private async Task<string> CreateKeyAsync(string name, string owner, string budgets)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(
            HttpMethod.Post, "/manage/keys", $$"""{"name":"{{name}}","ownerEmail":"{{owner}}","budgets":{{budgets}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString()!;
    }

    private async Task AggregateAsync(params UsageRecord[] records)
    {
        var result = await _app.App.Services.GetRequiredService<UsageAggregator>().AggregateAsync(records, CancellationToken.None);
        Assert.Equal(records.Length, result.Counted);
    }

    private static UsageRecord Usage(string keyId, string owner, DateOnly day, string model, decimal cost, string project) => new(
        "rec-" + Guid.NewGuid().ToString("N"),
        UsageSources.Proxy,
        new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero),
        keyId,
        owner,
        new Dictionary<string, string> { ["project"] = project },
        model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "anthropic",
        model,
        ApiFormat.ChatCompletions,
        new TokenUsage(1000, 0, 0, 0, 200, 0),
        cost,
        0m,
        "test",
        Unpriced: false,
        Estimated: false,
        Streamed: true,
        Status: 200,
        Outcome: "completed",
        LatencyMs: 100);

    /// <summary>Debian's chromium (CI installs it), or <c>KEYMETER_CHROMIUM</c>; missing is a failure, not a skip.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("KEYMETER_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"The browser test needs Chromium at {path}: on Debian run 'sudo apt-get update && sudo apt-get install -y chromium' (README, Quick start); elsewhere set KEYMETER_CHROMIUM to a Chromium or Chrome executable.");
        return path;
    }

    private static string ArtifactsDirectory()
    {
        var artifacts = RepositoryPaths.Combine("artifacts");
        Directory.CreateDirectory(artifacts);
        return artifacts;
    }
}
