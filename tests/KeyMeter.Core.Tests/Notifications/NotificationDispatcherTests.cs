using KeyMeter.Core.Notifications;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class NotificationDispatcherTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDeliveryLedger _ledger = new();

    private NotificationDispatcher Dispatcher(params INotificationChannel[] channels) =>
        new(channels, _ledger, _time, NullLogger<NotificationDispatcher>.Instance);

    [Fact]
    public async Task Dispatch_SameMessageTwice_EachChannelSentOnce()
    {
        var teams = new FakeChannel("teams");
        var slack = new FakeChannel("slack");
        var dispatcher = Dispatcher(teams, slack);
        var message = NotificationSamples.Message();

        var first = await dispatcher.DispatchAsync(message, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(message, CancellationToken.None);

        Assert.True(first.Completed);
        Assert.True(second.Completed);
        Assert.All(second.Channels, result => Assert.Equal(ChannelSendStatus.Sent, result.Status));
        Assert.Equal([message.Id], teams.Sent);
        Assert.Equal([message.Id], slack.Sent);
    }

    [Fact]
    public async Task Dispatch_OneChannelFailsThenRecovers_RetryReachesOnlyThatChannel()
    {
        var teams = new FakeChannel("teams");
        var slack = new FakeChannel("slack", ChannelSendStatus.TransientFailure, ChannelSendStatus.Sent);
        var dispatcher = Dispatcher(teams, slack);
        var message = NotificationSamples.Message();

        var first = await dispatcher.DispatchAsync(message, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(message, CancellationToken.None);

        Assert.False(first.Completed);
        Assert.Equal(ChannelSendStatus.TransientFailure, first.Channels[1].Status);
        Assert.True(second.Completed);
        Assert.Equal(1, teams.Attempts);
        Assert.Equal(2, slack.Attempts);
        Assert.Equal([message.Id], slack.Sent);
    }

    [Fact]
    public async Task Dispatch_PermanentFailure_RecordedAndNotTriedAgain()
    {
        var slack = new FakeChannel("slack", ChannelSendStatus.PermanentFailure);
        var dispatcher = Dispatcher(slack);
        var message = NotificationSamples.Message();

        var first = await dispatcher.DispatchAsync(message, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(message, CancellationToken.None);

        Assert.True(first.Completed);
        Assert.Equal(ChannelSendStatus.PermanentFailure, second.Channels[0].Status);
        Assert.Equal(1, slack.Attempts);
        Assert.Equal("refused", _ledger.Rows[(message.Id, "slack")].State);
    }

    [Fact]
    public async Task Dispatch_UnconfiguredChannel_NotClaimedNorCounted()
    {
        var email = new FakeChannel("email") { Configured = false };
        var dispatcher = Dispatcher(email);

        var result = await dispatcher.DispatchAsync(NotificationSamples.Message(), CancellationToken.None);

        Assert.True(result.NothingConfigured);
        Assert.True(result.Completed);
        Assert.Equal(0, email.Attempts);
        Assert.Empty(_ledger.Rows);
    }

    [Fact]
    public async Task Dispatch_FreshClaimElsewhere_TransientUntilTheLeaseRunsOut()
    {
        var teams = new FakeChannel("teams");
        var dispatcher = Dispatcher(teams);
        var message = NotificationSamples.Message();
        _ledger.Hold(message.Id, "teams", _time.GetUtcNow());

        var busy = await dispatcher.DispatchAsync(message, CancellationToken.None);
        _time.Advance(NotificationDispatcher.ClaimLease + TimeSpan.FromSeconds(1));
        var takenOver = await dispatcher.DispatchAsync(message, CancellationToken.None);

        Assert.Equal(ChannelSendStatus.TransientFailure, busy.Channels[0].Status);
        Assert.False(busy.Completed);
        Assert.True(takenOver.Completed);
        Assert.Equal([message.Id], teams.Sent);
    }

    [Fact]
    public async Task Dispatch_ChannelThrows_TransientAndClaimReleased()
    {
        var dispatcher = Dispatcher(new ThrowingChannel());

        var result = await dispatcher.DispatchAsync(NotificationSamples.Message(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.TransientFailure, result.Channels[0].Status);
        Assert.Empty(_ledger.Rows);
    }

    private sealed class ThrowingChannel : INotificationChannel
    {
        public string Name => "teams";

        public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
