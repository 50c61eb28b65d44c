using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// What a key change does beyond storage: this instance forgets its cached keys at once, and the shared watermark moves
/// so every other instance does within its poll interval. A watermark that cannot be moved is logged; the other
/// instances then fall back on their cache lifetime.
/// </summary>
internal sealed class KeyChangeBroadcast(ProxyKeyResolver resolver, IKeyWatermarkStore watermark, ILogger<KeyChangeBroadcast> logger) : IKeyChangeSignal
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask KeyChangedAsync(string keyId, CancellationToken cancellationToken)
    {
        resolver.Invalidate();
        using var timeout = new CancellationTokenSource(WriteTimeout);
        try
        {
            await watermark.AdvanceAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            ProxyLog.KeyWatermarkNotAdvanced(logger, keyId, exception.GetType().Name);
        }
    }
}
