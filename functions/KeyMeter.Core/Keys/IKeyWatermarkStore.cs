namespace KeyMeter.Core.Keys;

/// <summary>
/// Port to the shared key-change watermark: one small row whose value changes whenever any key changes, so every
/// instance can learn of a revocation with one cheap read every few seconds instead of re-reading every key.
/// </summary>
public interface IKeyWatermarkStore
{
    /// <summary>The current watermark, or null when no key has changed since the row was created.</summary>
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Moves the watermark to a new value.</summary>
    Task AdvanceAsync(CancellationToken cancellationToken);
}
