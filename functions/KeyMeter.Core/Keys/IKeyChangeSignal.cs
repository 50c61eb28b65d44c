namespace KeyMeter.Core.Keys;

/// <summary>
/// Told after every key write that succeeded (create, change, rotate, revoke), so that caches of keys drop what they
/// hold: a revoked key or a rotated secret must stop working at once.
/// </summary>
public interface IKeyChangeSignal
{
    ValueTask KeyChangedAsync(string keyId, CancellationToken cancellationToken);
}
