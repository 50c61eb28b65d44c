using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Everything the proxy knows about one upstream provider, in one place: no code asks "which provider is this?".
/// Built at start by <see cref="ProviderCatalog"/> from <see cref="KnownProviders"/> and the provider's settings.
/// </summary>
/// <param name="Name">How records, reports and logs name it: <c>openai</c>, <c>anthropic</c>.</param>
/// <param name="SettingName">Its settings: <c>KeyMeter__Providers__&lt;SettingName&gt;__…</c>.</param>
/// <param name="Dialect">The API it speaks: which headers its SDKs send and how its usage is read.</param>
/// <param name="BaseUrl">Where its API is; a route's upstream path is appended.</param>
/// <param name="Credential">How the company's key (or the app's identity) authenticates calls.</param>
/// <param name="PriceProvider">Whose prices its models have in the price table.</param>
/// <param name="FixedHeaders">Sent on every call, from settings; a client's copy never reaches the provider.</param>
/// <param name="DefaultHeaders">Sent when the client did not send its own (an API version, say).</param>
/// <param name="SurchargedServiceTiers">Service tiers billed above the list prices KeyMeter meters at: refused.</param>
/// <param name="Models">The model ids it serves: exact ids and <c>prefix*</c> patterns (<see cref="ModelRouter"/>).</param>
/// <param name="ServesResponses">Whether it has OpenAI's Responses API (Cursor's GPT-5 requests need it).</param>
/// <param name="Deployments">Model id to the deployment name sent upstream as <c>model</c> (Azure); empty elsewhere.</param>
internal sealed record ProviderDescription(
    string Name,
    string SettingName,
    ProviderDialect Dialect,
    Uri BaseUrl,
    ProviderCredential Credential,
    string PriceProvider,
    IReadOnlyList<KeyValuePair<string, string>> FixedHeaders,
    IReadOnlyList<KeyValuePair<string, string>> DefaultHeaders,
    IReadOnlyList<string> SurchargedServiceTiers,
    IReadOnlyList<string> Models,
    bool ServesResponses,
    IReadOnlyDictionary<string, string> Deployments)
{
    /// <summary>The upstream URL of <paramref name="upstreamPath"/> and an already-encoded <paramref name="query"/>.</summary>
    public Uri UrlOf(string upstreamPath, string query) => new(BaseUrl.AbsoluteUri.TrimEnd('/') + upstreamPath + query);
}
