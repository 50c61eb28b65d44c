using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Proxy;

/// <summary>What <see cref="ProxyKeyResolver"/> found for a secret.</summary>
/// <param name="Key">The key, or null when the secret is unknown.</param>
/// <param name="Unavailable">True when storage could not answer and nothing recent enough was known: 503, try again.</param>
internal readonly record struct KeyLookup(DeveloperKey? Key, bool Unavailable)
{
    public static KeyLookup StorageUnavailable => new(null, true);
}
