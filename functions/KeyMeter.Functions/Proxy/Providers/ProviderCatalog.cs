using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>The providers as configured, described once at start (<see cref="KnownProviders"/>); looked up by name.</summary>
internal sealed class ProviderCatalog
{
    private readonly FrozenDictionary<string, ProviderDescription> _byName;

    public ProviderCatalog(IOptions<ProvidersOptions> options)
    {
        All = KnownProviders.Describe(options.Value);
        _byName = All.ToFrozenDictionary(provider => provider.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProviderDescription> All { get; }

    /// <summary>The provider named <paramref name="name"/>, or null.</summary>
    public ProviderDescription? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The provider named <paramref name="name"/>; a route naming an unknown one is a bug, found at start.</summary>
    public ProviderDescription Get(string name) =>
        _byName.TryGetValue(name, out var provider) ? provider : throw new InvalidOperationException($"No provider is named '{name}'.");
}
