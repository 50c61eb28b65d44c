using System.Collections.Concurrent;
using KeyMeter.Core.Keys;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Resolves a secret to its key through an in-memory cache keyed by the secret's hash, so a request costs no storage
/// round trip. Unknown hashes are cached too (a flood of bad keys does not reach storage), and concurrent requests
/// with the same uncached secret share one lookup. A key in use is read again in the background during the last
/// quarter of its cache time, so its entry is renewed before it expires and no request waits on storage when it would
/// have (no stampede of a busy key's requests at expiry).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A key change made on this instance clears the cache at once (<see cref="Invalidate"/>); a change made
/// elsewhere clears it within <see cref="ProxyOptions.KeyChangePollInterval"/> (<see cref="KeyChangeWatcher"/>), and
/// at the latest after <see cref="ProxyOptions.KeyCacheTtl"/>.</item>
/// <item>A lookup that storage does not answer within <see cref="ProxyOptions.KeyLookupTimeout"/> is answered from the
/// last known state when that is at most <see cref="ProxyOptions.KeyMaxStale"/> old, else reported unavailable.
/// Until storage has answered once, lookups get ten seconds more.</item>
/// </list>
/// </remarks>
internal sealed class ProxyKeyResolver(IKeyStore store, TimeProvider time, IOptions<ProxyOptions> options, ILogger<ProxyKeyResolver> logger)
{
    private const int MaxEntries = 100_000;

    /// <summary>Extra time the first lookups of a new instance get: its first storage call opens connections and fetches a token.</summary>
    private static readonly TimeSpan ColdStartAllowance = TimeSpan.FromSeconds(10);

    /// <summary>The share of the cache time after which a key in use is read again in the background.</summary>
    private const double RefreshAheadAt = 0.75;

    /// <summary>How long one shared lookup may run before it is given up.</summary>
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<DeveloperKey?>>> _lookups = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _storageAnswered;

    /// <summary>
    /// The usable key <paramref name="request"/> carries (<see cref="ProxyCredentials"/>), or why there is none:
    /// <see cref="KeyLookup.Unavailable"/>, or no key for a missing, unknown, revoked or expired one (logged by the
    /// secret's hash prefix, never the secret).
    /// </summary>
    public async ValueTask<KeyLookup> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var secret = ProxyCredentials.Find(request);
        var found = secret is null ? default : await ResolveAsync(secret, cancellationToken);
        if (found.Unavailable || (found.Key is { } key && key.IsUsableAt(time.GetUtcNow())))
        {
            return found;
        }

        if (secret is not null)
        {
            ProxyLog.InvalidKey(logger, KeySecret.Hash(secret)[..8]);
        }

        return default;
    }

    public async ValueTask<KeyLookup> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var hash = KeySecret.Hash(secret);
        var now = time.GetUtcNow();
        var cached = _cache.TryGetValue(hash, out var entry) ? entry : null;
        if (cached is not null && now - cached.FetchedAt < settings.KeyCacheTtl)
        {
            if (now - cached.FetchedAt >= settings.KeyCacheTtl * RefreshAheadAt && !_lookups.ContainsKey(hash))
            {
                _ = RefreshAsync(hash, now);
            }

            return new KeyLookup(cached.Key, false);
        }

        try
        {
            // Until storage has answered once (a new instance: connections, token, table), a lookup may take longer.
            var timeout = _storageAnswered ? settings.KeyLookupTimeout : settings.KeyLookupTimeout + ColdStartAllowance;
            var key = await LookupAsync(hash, now).WaitAsync(timeout, time, cancellationToken);
            _storageAnswered = true;
            return new KeyLookup(key, false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var stale = cached is not null && now - cached.FetchedAt <= settings.KeyMaxStale;
            ProxyLog.KeyLookupFailed(logger, exception.GetType().Name, stale);
            return stale ? new KeyLookup(cached!.Key, false) : KeyLookup.StorageUnavailable;
        }
    }

    /// <summary>Forgets every cached key: the next request of each reads storage again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
        _lookups.Clear();
    }

    /// <summary>A background renewal: a failure leaves the entry as it is, to expire or be renewed by the next request.</summary>
    private async Task RefreshAsync(string hash, DateTimeOffset now)
    {
        try
        {
            await LookupAsync(hash, now);
        }
        catch (Exception exception)
        {
            ProxyLog.KeyLookupFailed(logger, exception.GetType().Name, true);
        }
    }

    /// <summary>One storage lookup per hash at a time; its result is cached unless a key changed meanwhile.</summary>
    private Task<DeveloperKey?> LookupAsync(string hash, DateTimeOffset now)
    {
        var generation = Interlocked.Read(ref _generation);
        var lookup = _lookups.GetOrAdd(hash, static (hash, state) => new Lazy<Task<DeveloperKey?>>(() => state.Resolver.FetchAsync(hash, state.Generation, state.Now)), (Resolver: this, Generation: generation, Now: now));
        return lookup.Value;
    }

    private async Task<DeveloperKey?> FetchAsync(string hash, long generation, DateTimeOffset now)
    {
        try
        {
            // Not bound to one request: others may be waiting on the same lookup, each with its own timeout. A storage
            // call that hangs is given up after a while, so a later request starts a fresh lookup.
            using var abandon = new CancellationTokenSource(FetchTimeout, time);
            var key = await store.FindBySecretHashAsync(hash, abandon.Token);
            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }

            // A lookup that started before a key changed must not store what it read.
            if (Interlocked.Read(ref _generation) == generation)
            {
                _cache[hash] = new Entry(key, now);
            }

            return key;
        }
        finally
        {
            _lookups.TryRemove(hash, out _);
        }
    }

    private sealed record Entry(DeveloperKey? Key, DateTimeOffset FetchedAt);
}
