using KeyMeter.Core.Keys;
using KeyMeter.Functions.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy;

public sealed class ProxyKeyResolverTests
{
    private const string Secret = "km_resolver-test-secret-0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static (ProxyKeyResolver Resolver, GatedKeyStore Store, ManualTimeProvider Time) Create()
    {
        var key = new DeveloperKey("key_0123456789abcdef0123", "dev", "dev@example.com", new Dictionary<string, string>(), KeyBudgets.Unlimited, [], null, KeyStatus.Active, KeySecret.Hash(Secret), Start, Start);
        var store = new GatedKeyStore(key);
        var time = new ManualTimeProvider(Start);
        var options = Options.Create(new ProxyOptions { KeyCacheTtl = Ttl });
        return (new ProxyKeyResolver(store, time, options, NullLogger<ProxyKeyResolver>.Instance), store, time);
    }

    [Fact]
    public async Task BusyKey_RenewedInTheBackgroundBeforeExpiry_NoRequestWaitsOnStorage()
    {
        var (resolver, store, time) = Create();
        Assert.NotNull((await resolver.ResolveAsync(Secret, CancellationToken.None)).Key);
        Assert.Equal(1, store.Lookups);

        // In the last quarter of the cache time, with storage slow: answered at once from the cache, renewal started.
        store.Hold();
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.NotNull(AtOnce(resolver.ResolveAsync(Secret, CancellationToken.None))?.Key);
        Assert.Equal(2, store.Lookups);

        // Further requests while the renewal runs start no other lookup.
        Assert.NotNull(AtOnce(resolver.ResolveAsync(Secret, CancellationToken.None))?.Key);
        Assert.Equal(2, store.Lookups);

        // Past the first entry's expiry, the renewed one answers without storage.
        store.Release();
        await WaitUntilAsync(() => store.Answered == 2);
        await Task.Delay(100); // the renewal caches what storage answered right after it returns
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotNull(AtOnce(resolver.ResolveAsync(Secret, CancellationToken.None))?.Key);
        Assert.Equal(2, store.Lookups);
    }

    [Fact]
    public async Task IdleKey_PastItsCacheTime_ReadFromStorageAgain()
    {
        var (resolver, store, time) = Create();
        await resolver.ResolveAsync(Secret, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(30));
        await resolver.ResolveAsync(Secret, CancellationToken.None);
        Assert.Equal(1, store.Lookups);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull((await resolver.ResolveAsync(Secret, CancellationToken.None)).Key);
        Assert.Equal(2, store.Lookups);
    }

    /// <summary>The lookup's answer if it was there without waiting, else null.</summary>
    private static KeyLookup? AtOnce(ValueTask<KeyLookup> lookup) => lookup.IsCompletedSuccessfully ? lookup.Result : null;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
