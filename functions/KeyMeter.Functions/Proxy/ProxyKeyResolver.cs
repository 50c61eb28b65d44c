using System.Collections.Concurrent;
using KeyMeter.Core.Keys;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Resolves a secret to its key through an in-memory cache keyed by the secret's hash, so a request costs no storage
/// round trip. Unknown hashes are cached too (a flood of bad keys does not reach storage). A revoked or changed key
/// takes effect within <see cref="ProxyOptions.KeyCacheTtl"/>.
/// </summary>
internal sealed class ProxyKeyResolver(IKeyStore store, TimeProvider time, IOptions<ProxyOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async ValueTask<DeveloperKey?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = KeySecret.Hash(secret);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Key;
        }

        var key = await store.FindBySecretHashAsync(hash, cancellationToken);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[hash] = new Entry(key, now + options.Value.KeyCacheTtl);
        return key;
    }

    private sealed record Entry(DeveloperKey? Key, DateTimeOffset ExpiresAt);
}
