using System.Text.Json;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Notifications;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>The Teams and Slack channels against a loopback receiver at the secret webhook URL.</summary>
public sealed class WebhookChannelTests : IAsyncLifetime
{
    private const string TeamsPath = "/workflows/abc123/triggers/manual/paths/invoke?api-version=1&sig=SECRET-SIGNATURE";
    private const string SlackPath = "/services/T0000/B0000/SECRETtoken";
    private LoopbackReceiver _receiver = null!;
    private DictionarySecrets _secrets = null!;

    public async Task InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _secrets = new DictionarySecrets(new()
        {
            [SecretNames.TeamsWebhookUrl] = new Uri(_receiver.BaseAddress, TeamsPath).AbsoluteUri,
            [SecretNames.SlackWebhookUrl] = new Uri(_receiver.BaseAddress, SlackPath).AbsoluteUri,
        });
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private WebhookPoster Poster(ISecretSource? secrets = null) => new(
        HttpPipelineBuilder.Build(new NotificationClientOptions(new NotificationOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(10) })),
        secrets ?? _secrets);

    [Fact]
    public async Task Teams_Alert_PostsAnAdaptiveCardMessageToTheSecretUrl()
    {
        var channel = new TeamsChannel(Poster());

        Assert.True(await channel.IsConfiguredAsync(CancellationToken.None));
        var result = await channel.SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(TeamsPath, request.PathAndQuery);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        PayloadRules.AssertAdaptiveCardMessage(json.RootElement);
        Assert.Contains("alice-laptop", request.Body, StringComparison.Ordinal);
        Assert.Contains("80%", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_Alert_PostsValidBlockKitToTheSecretUrl()
    {
        var channel = new SlackChannel(Poster());

        var result = await channel.SendAsync(NotificationTestMessages.AlertMessage(100), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(SlackPath, request.PathAndQuery);
        using var json = JsonDocument.Parse(request.Body);
        PayloadRules.AssertBlockKit(json.RootElement);
        Assert.Contains("alice-laptop", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ServerErrorThenOk_RetriedAndSent()
    {
        _receiver.Answer((500, "oops"), (503, "busy"), (200, "ok"));

        var result = await new SlackChannel(Poster()).SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(request => request.Body).Distinct());
    }

    [Fact]
    public async Task Send_ServerErrorEveryTime_TransientAfterMaxAttempts()
    {
        _receiver.Answer((502, "bad gateway"));

        var result = await new TeamsChannel(Poster()).SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.TransientFailure, result.Status);
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.DoesNotContain("SECRET", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Refused_PermanentWithSlackReasonAndNoUrl()
    {
        _receiver.Answer((400, "invalid_blocks"));

        var result = await new SlackChannel(Poster()).SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.PermanentFailure, result.Status);
        Assert.Single(_receiver.Requests);
        Assert.Equal("HTTP 400 invalid_blocks", result.Detail);
        Assert.Empty(_secrets.Invalidated);
    }

    [Fact]
    public async Task Send_UrlGone_PermanentAndTheSecretIsReadAgainNextTime()
    {
        _receiver.Answer((404, "no_service"));

        var result = await new SlackChannel(Poster()).SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.PermanentFailure, result.Status);
        Assert.Equal([SecretNames.SlackWebhookUrl], _secrets.Invalidated);
    }

    [Fact]
    public async Task Channel_NoSecretOrNotAUrl_NotConfiguredAndNothingSent()
    {
        var secrets = new DictionarySecrets(new() { [SecretNames.TeamsWebhookUrl] = "not a url" });
        var teams = new TeamsChannel(Poster(secrets));
        var slack = new SlackChannel(Poster(secrets));

        Assert.False(await teams.IsConfiguredAsync(CancellationToken.None));
        Assert.False(await slack.IsConfiguredAsync(CancellationToken.None));
        Assert.Equal(ChannelSendStatus.NotConfigured, (await teams.SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None)).Status);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Send_NobodyListening_TransientUnreachable()
    {
        var port = _receiver.BaseAddress.Port;
        await _receiver.DisposeAsync();
        var secrets = new DictionarySecrets(new() { [SecretNames.SlackWebhookUrl] = $"http://127.0.0.1:{port}{SlackPath}" });

        var result = await new SlackChannel(Poster(secrets)).SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.TransientFailure, result.Status);
        Assert.StartsWith("unreachable", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.Detail, StringComparison.Ordinal);
        _receiver = await LoopbackReceiver.StartAsync();
    }
}
