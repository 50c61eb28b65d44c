using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Digests;

/// <summary>A dispatcher that answers each message with the next scripted status (the last repeats) and records the ids.</summary>
internal sealed class ScriptedDispatcher(params ChannelSendStatus[] script) : INotificationDispatcher
{
    private readonly Queue<ChannelSendStatus> _script = new(script.Length == 0 ? [ChannelSendStatus.Sent] : script);

    public List<string> Dispatched { get; } = [];

    public Task<DispatchResult> DispatchAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        Dispatched.Add(message.Id);
        var status = _script.Count > 1 ? _script.Dequeue() : _script.Peek();
        return Task.FromResult(new DispatchResult([new ChannelSendResult("email", status)]));
    }
}
