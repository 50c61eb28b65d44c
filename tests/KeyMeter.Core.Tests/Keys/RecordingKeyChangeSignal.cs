using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

/// <summary>Remembers which keys were signalled as changed, in order.</summary>
internal sealed class RecordingKeyChangeSignal : IKeyChangeSignal
{
    public List<string> Changed { get; } = [];

    public ValueTask KeyChangedAsync(string keyId, CancellationToken cancellationToken)
    {
        Changed.Add(keyId);
        return ValueTask.CompletedTask;
    }
}
