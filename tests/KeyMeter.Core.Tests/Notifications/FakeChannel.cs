using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>A channel that answers from a script of statuses (the last one repeats) and records what it was sent.</summary>
internal sealed class FakeChannel(string name, params ChannelSendStatus[] script) : INotificationChannel
{
    private readonly Queue<ChannelSendStatus> _script = new(script.Length == 0 ? [ChannelSendStatus.Sent] : script);

    public string Name => name;

    public bool Configured { get; set; } = true;

    public List<string> Sent { get; } = [];

    public int Attempts { get; private set; }

    public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Configured);

    public Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        Attempts++;
        var status = _script.Count > 1 ? _script.Dequeue() : _script.Peek();
        if (status == ChannelSendStatus.Sent)
        {
            Sent.Add(message.Id);
        }

        return Task.FromResult(new ChannelSendResult(name, status, status == ChannelSendStatus.Sent ? null : "scripted " + status));
    }
}
