using KeyMeter.Core.Keys;
using KeyMeter.Core.Pricing;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The models a key can call on a route, across providers: every model in the price table and every Azure deployment
/// of each provider the route reaches (its own dialect or one it translates to) that has a credential configured, kept
/// when the router sends that id to that provider and the key's allow-list admits it. What <c>GET /v1/models</c> lists
/// (Cursor calls it on Verify); models outside the price table still work when asked for by id.
/// </summary>
internal sealed class AvailableModels(ProviderCatalog providers, ModelRouter router, UpstreamCredentials credentials, PriceTable prices)
{
    public async Task<IReadOnlyList<string>> ForAsync(ProxyRoute route, DeveloperKey key, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var provider in providers.All)
        {
            if ((provider.Dialect != route.Dialect && provider.Dialect != route.Translates) || await credentials.GetAsync(provider, cancellationToken) is null)
            {
                continue;
            }

            var candidates = provider.Deployments.Keys.Concat(prices.Models.Where(model => model.Provider == provider.PriceProvider).Select(model => model.Model));
            foreach (var id in candidates)
            {
                if (router.Route(route.Dialect, id, route.Translates)?.Provider == provider && key.AllowsModel(id))
                {
                    ids.Add(id);
                }
            }
        }

        return [.. ids];
    }
}
