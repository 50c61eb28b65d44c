using KeyMeter.Core.Keys;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Reads the shared key-change watermark every <see cref="ProxyOptions.KeyChangePollInterval"/> and clears the key
/// cache when it moved, so a key revoked or rotated on another instance stops working here within seconds. A failed
/// read changes nothing: the cache keeps serving, bounded by its own lifetime.
/// </summary>
internal sealed class KeyChangeWatcher(
    IKeyWatermarkStore watermark, ProxyKeyResolver resolver, TimeProvider time, IOptions<ProxyOptions> options, ILogger<KeyChangeWatcher> logger) : BackgroundService
{
    private string? _seen;
    private bool _read;

    /// <summary>One poll: true when the watermark moved and the cache was cleared.</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        string? current;
        try
        {
            current = await watermark.ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            ProxyLog.KeyWatermarkUnreadable(logger, exception.GetType().Name);
            return false;
        }

        var moved = _read && !string.Equals(current, _seen, StringComparison.Ordinal);
        (_seen, _read) = (current, true);
        if (moved)
        {
            resolver.Invalidate();
        }

        return moved;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyChangePollInterval, time);
        do
        {
            await PollAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
