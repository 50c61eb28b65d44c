using System.Text;
using KeyMeter.Adapters.Queues;
using KeyMeter.Functions.Tests.Notifications;

namespace KeyMeter.Functions.Tests.DeadLetters;

/// <summary>The Service Bus REST adapter for dead letters, against a loopback stand-in shaped like the service.</summary>
public sealed class ServiceBusDeadLettersTests : IAsyncLifetime
{
    private const string Namespace = "sb-test.servicebus.windows.net";
    private ServiceBusStandIn _bus = null!;
    private LoopbackTransport _transport = null!;
    private ServiceBusDeadLetters _deadLetters = null!;

    public async Task InitializeAsync()
    {
        _bus = await ServiceBusStandIn.StartAsync("usage");
        _transport = new LoopbackTransport(_bus.BaseAddress);
        _deadLetters = Create(_transport);
    }

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    internal static ServiceBusDeadLetters Create(LoopbackTransport transport)
    {
        var options = new ServiceBusSenderOptions { Transport = transport.Transport };
        options.Retry.MaxRetries = 0;
        return new ServiceBusDeadLetters(Namespace, new FakeTokenCredential(), options, receiveTimeoutSeconds: 0);
    }

    [Fact]
    public async Task ListAsync_MoreThanMax_ListsOldestWithReasonsAndLeavesThemAllThere()
    {
        _bus.DeadLetter("px_1", """{"id":"px_1"}""");
        _bus.DeadLetter("px_2", """{"id":"px_2"}""");
        _bus.DeadLetter("px_3", """{"id":"px_3"}""");

        var listing = await _deadLetters.ListAsync("usage", 2, CancellationToken.None);

        Assert.Null(listing.Failure);
        Assert.True(listing.More);
        Assert.Equal(["px_1", "px_2"], listing.Messages.Select(message => message.MessageId));
        Assert.All(listing.Messages, message => Assert.Equal("MaxDeliveryCountExceeded: Message could not be consumed after 10 delivery attempts.", message.Reason));
        Assert.Equal(3, _bus.DeadLetters.Count);
        Assert.All(_bus.DeadLetters, message => Assert.Null(message.LockToken));
        Assert.All(_transport.Hosts, host => Assert.Equal("https://" + Namespace, host));
    }

    [Fact]
    public async Task ReplayAsync_DeadLettersWhoseIdsTheQueueStillRemembers_SentBackUnderNewIdsAndRemoved()
    {
        _bus.DeadLetter("px_1", """{"id":"px_1"}""");
        _bus.DeadLetter("px_2", """{"id":"px_2"}""");

        var replay = await _deadLetters.ReplayAsync("usage", 10, CancellationToken.None);

        Assert.Null(replay.Failure);
        Assert.Equal(["px_1", "px_2"], replay.Replayed.Select(message => message.MessageId));
        Assert.Empty(_bus.DeadLetters);
        // Sent under the original ids they would have been dropped as duplicates (within the hour's window).
        Assert.Equal(replay.Replayed.Select(message => message.ReplayedAs), _bus.Queue.Select(message => message.MessageId));
        Assert.All(_bus.Queue, message => Assert.StartsWith(message.MessageId.Split('|')[0] + "|replay-", message.MessageId, StringComparison.Ordinal));
        Assert.Equal(["""{"id":"px_1"}""", """{"id":"px_2"}"""], _bus.Queue.Select(message => Encoding.UTF8.GetString(message.Body)));
        Assert.All(_bus.Queue, message => Assert.Equal("application/json", message.ContentType));
    }

    [Fact]
    public async Task ReplayAsync_Max_ReplaysOnlyThatMany()
    {
        _bus.DeadLetter("px_1", "{}");
        _bus.DeadLetter("px_2", "{}");

        var replay = await _deadLetters.ReplayAsync("usage", 1, CancellationToken.None);

        Assert.Equal(["px_1"], replay.Replayed.Select(message => message.MessageId));
        Assert.Equal(["px_2"], _bus.DeadLetters.Select(message => message.MessageId));
        Assert.All(_bus.DeadLetters, message => Assert.Null(message.LockToken));
    }

    [Fact]
    public async Task ReplayAsync_QueueRefusesTheSend_StopsAndTheMessageStaysDeadLettered()
    {
        _bus.DeadLetter("px_1", "{}");
        _bus.RefuseSendsWith = 403;

        var replay = await _deadLetters.ReplayAsync("usage", 10, CancellationToken.None);

        Assert.Empty(replay.Replayed);
        Assert.Contains("status 403", replay.Failure, StringComparison.Ordinal);
        var message = Assert.Single(_bus.DeadLetters);
        Assert.Null(message.LockToken);
        Assert.Empty(_bus.Queue);
    }

    [Fact]
    public async Task ReplayAsync_NothingDeadLettered_ReplaysNothing()
    {
        var replay = await _deadLetters.ReplayAsync("usage", 10, CancellationToken.None);

        Assert.Null(replay.Failure);
        Assert.Empty(replay.Replayed);
    }
}
