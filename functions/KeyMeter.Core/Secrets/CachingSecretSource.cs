using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Secrets;

/// <summary>
/// Keeps secrets in memory for a time-to-live so the hot path never waits on the vault; one fetch per name at a
/// time; a failed refresh keeps serving the last value it had (Key Vault throttling guidance: cache and re-read
/// only when needed, https://learn.microsoft.com/azure/key-vault/general/overview-throttling).
/// </summary>
public sealed class CachingSecretSource(ISecretSource inner, TimeSpan timeToLive, TimeProvider time, ILogger<CachingSecretSource> logger)
    : ISecretSource
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(name, out var cached) && time.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Value;
        }

        var gate = _gates.GetOrAdd(name, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_entries.TryGetValue(name, out cached) && time.GetUtcNow() < cached.ExpiresAt)
            {
                return cached.Value;
            }

            try
            {
                var value = await inner.GetAsync(name, cancellationToken);
                _entries[name] = new Entry(value, time.GetUtcNow() + timeToLive);
                return value;
            }
            catch (Exception exception) when (cached is not null && exception is not OperationCanceledException)
            {
                SecretsLog.RefreshFailedServingCached(logger, name, exception.GetType().Name);
                return cached.Value;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate(string name)
    {
        _entries.TryRemove(name, out _);
        inner.Invalidate(name);
    }

    private sealed record Entry(string? Value, DateTimeOffset ExpiresAt);
}
