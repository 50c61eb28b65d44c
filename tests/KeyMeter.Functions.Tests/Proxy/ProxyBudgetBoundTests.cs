using System.Net;
using System.Text.Json;
using KeyMeter.Core.Pricing;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A budget bounds every call: the reservation is the most the call can cost, unpriced models are never free, and
/// calls whose input the body cannot show reserve the whole context window (findings 1 and 3 of the hardening probe).
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyBudgetBoundTests(AzuriteFixture azurite)
{
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(ProxyHarness harness, string path, string json, string secret)
    {
        using var request = ProxyRequests.Post(json, secret, path);
        using var response = await harness.App.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Code(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task UnpricedModel_TinyBudget_RefusedBeforeAnyCallReachesTheProvider()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            PostAsync(harness, "/v1/chat/completions", """{"model":"o1-pro-unlisted","messages":[{"role":"user","content":"hi"}]}""", key.Secret)));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.TooManyRequests, result.Status));
        Assert.All(results, result => Assert.Equal("budget_exceeded", Code(result.Body)));
        Assert.Empty(harness.Provider.Calls);
    }

    [Fact]
    public async Task UnpricedModel_RefusePolicy_403OnBudgetedKeyOnly()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Pricing:UnpricedModels=Refuse");
        var budgeted = await harness.CreateKeyAsync("budgeted", daily: 100m);
        var open = await harness.CreateKeyAsync("open");
        const string Body = """{"model":"o1-pro-unlisted","messages":[{"role":"user","content":"hi"}]}""";

        var refused = await PostAsync(harness, "/v1/chat/completions", Body, budgeted.Secret);
        var served = await PostAsync(harness, "/v1/chat/completions", Body, open.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("model_not_priced", Code(refused.Body));
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Single(harness.Provider.Calls);
    }

    [Fact]
    public async Task UnpricedModel_Served_RecordedAtTheFallbackPriceNeverZero()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        harness.Provider.ReportedModel = "o1-pro-unlisted";
        var key = await harness.CreateKeyAsync();

        var (status, _) = await PostAsync(harness, "/v1/chat/completions", """{"model":"o1-pro-unlisted","messages":[{"role":"user","content":"hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        var record = Assert.Single(await harness.Usage.WaitForAsync(1));
        var fallback = CallPricer.DearestRates(PriceTable.LoadDefault());
        Assert.Equal("o1-pro-unlisted", record.Model);
        Assert.True(record.Unpriced);
        Assert.EndsWith("+fallback", record.PriceVersion, StringComparison.Ordinal);
        Assert.Equal((200 * fallback.Input + 1000 * fallback.CachedInput + 300 * fallback.Output) / 1_000_000m, record.CostUsd);
    }

    [Fact]
    public async Task PreviousResponseId_50ConcurrentOnACentBudget_NoneAdmitted()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            PostAsync(harness, "/v1/responses", """{"model":"gpt-5","previous_response_id":"resp_abc","input":"go on","max_output_tokens":16}""", key.Secret)));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.TooManyRequests, result.Status));
        Assert.Empty(harness.Provider.Calls);
    }

    [Fact]
    public async Task WorstCaseCalls_ManyConcurrent_SettledSpendNeverPassesTheLimit()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        harness.Provider.WorstCaseUsage = true;
        const decimal Limit = 0.1m;
        var key = await harness.CreateKeyAsync(daily: Limit);

        // Each call may cost (body bytes + 1,000) input and 3,000 output tokens of gpt-5, and the provider bills all of it.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            PostAsync(harness, "/v1/chat/completions", $$"""{"model":"gpt-5","max_completion_tokens":3000,"messages":[{"role":"user","content":"call {{i}}"}]}""", key.Secret)));

        var admitted = results.Count(result => result.Status == HttpStatusCode.OK);
        Assert.InRange(admitted, 1, 39);
        var records = await harness.Usage.WaitForAsync(admitted);
        Assert.Equal(admitted, records.Count);
        Assert.True(records.Sum(record => record.CostUsd!.Value) <= Limit, $"settled {records.Sum(record => record.CostUsd)} of {Limit}");
        Assert.All(records, record => Assert.Equal(3000, record.Tokens.OutputTokens));
    }
}
