using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Picks the provider of a call by its model id, among the providers that speak the route's dialect or one the route
/// translates to (<see cref="ProxyRoute.Translates"/>):
/// <list type="number">
/// <item>a <c>provider/</c> prefix naming one (<c>google/gemini-2.5-pro</c>) sends the rest of the id there;</item>
/// <item>otherwise the provider whose <c>Models</c> pattern matches the id most specifically (an exact id before the
/// longest <c>prefix*</c>; the first provider in <see cref="KnownProviders"/> order on a tie).</item>
/// </list>
/// Null when no provider serves the id: the client gets <c>model_not_found</c>.
/// </summary>
internal sealed class ModelRouter(ProviderCatalog providers)
{
    public RoutedModel? Route(ProviderDialect dialect, string model, ProviderDialect? translates = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && providers.Find(model[..slash]) is { } named)
        {
            var rest = model[(slash + 1)..];
            return (named.Dialect == dialect || named.Dialect == translates) && rest.Length > 0 ? new RoutedModel(named, rest, rest) : null;
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

        return best is null ? null : new RoutedModel(best, model, model);
    }

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
