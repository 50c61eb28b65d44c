using System.Collections.Frozen;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Picks the provider of a call by its model id, among the providers that speak the route's dialect or one the route
/// translates to (<see cref="ProxyRoute.Translates"/>):
/// <list type="number">
/// <item>a <c>provider/</c> prefix naming one (<c>google/gemini-2.5-pro</c>) sends the rest of the id there;</item>
/// <item>a model deployed on an Azure resource (<c>KeyMeter__Providers__AzureOpenAI__Deployments__…</c>) goes there,
/// whatever the patterns say: the map is explicit;</item>
/// <item>otherwise the provider whose <c>Models</c> pattern matches the id most specifically (an exact id before the
/// longest <c>prefix*</c>; the first provider in <see cref="KnownProviders"/> order on a tie).</item>
/// </list>
/// A deployed model is sent upstream under its deployment name and keeps its model id for allow-lists, prices and
/// records. Null when no provider serves the id: the client gets <c>model_not_found</c>.
/// </summary>
internal sealed class ModelRouter(ProviderCatalog providers)
{
    /// <summary>Each deployed model id and the provider it is deployed on (validation allows one per id).</summary>
    private readonly FrozenDictionary<string, ProviderDescription> _deployed = providers.All
        .SelectMany(provider => provider.Deployments.Keys.Select(model => KeyValuePair.Create(model, provider)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    public RoutedModel? Route(ProviderDialect dialect, string model, ProviderDialect? translates = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && providers.Find(model[..slash]) is { } named)
        {
            var rest = model[(slash + 1)..];
            return (named.Dialect == dialect || named.Dialect == translates) && rest.Length > 0 ? Routed(named, rest) : null;
        }

        if (_deployed.TryGetValue(model, out var deployedOn) && (deployedOn.Dialect == dialect || deployedOn.Dialect == translates))
        {
            return Routed(deployedOn, model);
        }

        ProviderDescription? best = null;
        var bestScore = -1;
        foreach (var provider in providers.All)
        {
            if (provider.Dialect != dialect && provider.Dialect != translates)
            {
                continue;
            }

            var score = Score(provider.Models, model);
            if (score > bestScore)
            {
                (best, bestScore) = (provider, score);
            }
        }

        return best is null ? null : Routed(best, model);
    }

    /// <summary><paramref name="model"/> at <paramref name="provider"/>: under its deployment name there, if it has one.</summary>
    private static RoutedModel Routed(ProviderDescription provider, string model) =>
        new(provider, provider.Deployments.GetValueOrDefault(model, model), model);

    /// <summary>How specifically <paramref name="patterns"/> match <paramref name="model"/>: -1 not at all, int.MaxValue exactly, else the prefix length.</summary>
    private static int Score(IReadOnlyList<string> patterns, string model)
    {
        var score = -1;
        foreach (var pattern in patterns)
        {
            if (pattern.EndsWith('*'))
            {
                var prefix = pattern.AsSpan(0, pattern.Length - 1);
                if (model.AsSpan().StartsWith(prefix, StringComparison.Ordinal))
                {
                    score = Math.Max(score, prefix.Length);
                }
            }
            else if (string.Equals(pattern, model, StringComparison.Ordinal))
            {
                return int.MaxValue;
            }
        }

        return score;
    }
}
