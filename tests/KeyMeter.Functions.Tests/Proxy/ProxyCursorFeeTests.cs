using KeyMeter.Testing;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Who counts the Cursor Token Fee: Cursor's ledger when ingestion is on, the proxy's estimate when it is off.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyCursorFeeTests(AzuriteFixture azurite)
{
    private const decimal ChatFee = 1500 * 0.25m / 1_000_000m;

    private static ChatClient Client(ProxyHarness harness, string secret) => harness.ChatClient("gpt-5", secret);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteChat_CursorIngestionOnOrOff_FeeFromCursorLedgerOrProxyEstimate(bool cursorIngestion)
    {
        var enabled = cursorIngestion ? "true" : "false";
        var expectedFee = cursorIngestion ? 0m : ChatFee;
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Cursor:Enabled=" + enabled);
        var key = await harness.CreateKeyAsync();

        await Client(harness, key.Secret).CompleteChatAsync([new UserChatMessage("Say hello")]);

        var record = Assert.Single(await harness.Usage.WaitForAsync(1));
        Assert.Equal(expectedFee, record.CursorFeeUsd);
        Assert.True(record.CostUsd > 0);
    }
}
