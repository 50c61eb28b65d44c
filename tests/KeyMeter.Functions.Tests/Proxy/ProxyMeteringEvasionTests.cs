using System.Net;
using System.Text;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A key holder cannot make a served call cheaper than it was: usage is always requested from the provider, and a
/// client that leaves does not end the metering (finding 4 of the hardening probe).
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyMeteringEvasionTests(AzuriteFixture azurite)
{
    private const string StreamBody = """{"model":"gpt-5","stream":true,"stream_options":{"include_usage":false},"messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>Sends and gives up after <paramref name="after"/>, before any answer arrives.</summary>
    /// <summary>
    /// Sends the call and leaves once the provider has it and <paramref name="after"/> has passed, before its headers
    /// (the provider holds them back): leaving on a clock alone could leave before the call was forwarded on a busy machine.
    /// </summary>
    private static async Task AbortBeforeHeadersAsync(ProxyHarness harness, string json, string secret, TimeSpan after)
    {
        using var client = new HttpClient { BaseAddress = harness.App.Client.BaseAddress };
        using var request = ProxyRequests.Post(json, secret);
        using var cancel = new CancellationTokenSource();
        var sending = client.SendAsync(request, cancel.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (harness.Provider.Calls.IsEmpty && DateTime.UtcNow < deadline && !sending.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.False(harness.Provider.Calls.IsEmpty, "The provider never received the call.");
        cancel.CancelAfter(after);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task IncludeUsageFalse_ProviderIsAskedForUsageAndClientNeverSeesIt()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync();

        using var response = await harness.App.Client.SendAsync(ProxyRequests.Post(StreamBody, key.Secret));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Assert.Single(harness.Provider.Calls).IncludeUsageRequested);
        Assert.DoesNotContain("\"prompt_tokens\"", text, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", text, StringComparison.Ordinal);
        var record = Assert.Single(await harness.Usage.WaitForAsync(1));
        Assert.False(record.Estimated);
        Assert.Equal(100, record.Tokens.ReasoningTokens);
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
    }

    [Fact]
    public async Task ClientLeavesBeforeHeaders_AnswerIsStillReadAndMeteredExactly()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        harness.Provider.HeaderDelay = TimeSpan.FromMilliseconds(1500);
        var key = await harness.CreateKeyAsync(daily: 10m);

        await AbortBeforeHeadersAsync(harness, StreamBody, key.Secret, TimeSpan.FromMilliseconds(100));

        var record = Assert.Single(await harness.Usage.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(UsageOutcomes.ClientAborted, record.Outcome);
        Assert.False(record.Estimated);
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.True(record.CostUsd > 0);
        Assert.Equal(1, harness.Provider.CompletedAnswers);
    }

    [Fact]
    public async Task ClientLeavesBeforeHeaders_NoDrainTime_RecordedAtTheCeilingAsAnEstimate()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:AbortDrainTimeout=00:00:00");
        harness.Provider.HeaderDelay = TimeSpan.FromSeconds(3);
        var key = await harness.CreateKeyAsync(daily: 10m);
        const string Body = """{"model":"gpt-5","max_completion_tokens":2000,"messages":[{"role":"user","content":"hi"}]}""";

        await AbortBeforeHeadersAsync(harness, Body, key.Secret, TimeSpan.FromMilliseconds(100));

        var record = Assert.Single(await harness.Usage.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(UsageOutcomes.ClientAborted, record.Outcome);
        Assert.True(record.Estimated);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body) + 1_000, record.Tokens.InputTokens);
        Assert.Equal(2000, record.Tokens.OutputTokens);
        Assert.Equal(((Encoding.UTF8.GetByteCount(Body) + 1_000) * 1.25m + 2000 * 10m) / 1_000_000m, record.CostUsd);
    }

    [Fact]
    public async Task ClientLeavesMidStream_NoDrainTime_EstimatedButNeverFree()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:AbortDrainTimeout=00:00:00");
        harness.Provider.ChunkDelay = TimeSpan.FromMilliseconds(400);
        var key = await harness.CreateKeyAsync();

        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = harness.App.Client.BaseAddress };
        using var cancel = new CancellationTokenSource();
        using var response = await client.SendAsync(ProxyRequests.Post(StreamBody, key.Secret), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using (var stream = await response.Content.ReadAsStreamAsync(cancel.Token))
        {
            _ = await stream.ReadAsync(new byte[256], cancel.Token);
            await cancel.CancelAsync();
        }

        response.Dispose();

        var record = Assert.Single(await harness.Usage.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(UsageOutcomes.ClientAborted, record.Outcome);
        Assert.True(record.Estimated);
        Assert.True(record.Tokens.InputTokens >= Encoding.UTF8.GetByteCount(StreamBody));
        Assert.True(record.CostUsd > 0);
    }
}
