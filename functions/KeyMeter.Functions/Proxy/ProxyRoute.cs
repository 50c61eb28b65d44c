using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>One route the proxy serves: where it forwards and how its usage is read.</summary>
/// <param name="Dialect">The API the route speaks to its clients: the shape of its errors and model lists.</param>
/// <param name="Provider">The name of the provider it forwards to (<see cref="Providers.KnownProviders"/>).</param>
/// <param name="Path">The path clients call, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="UpstreamPath">Appended to the provider's base URL, e.g. <c>/chat/completions</c>.</param>
/// <param name="Api">How usage is read; null for routes that cost nothing (model lists, token counting).</param>
/// <param name="QueryParameters">The query parameters the provider's own SDKs send on this route; every other one is dropped.</param>
internal sealed record ProxyRoute(string Path, string Method, ProviderDialect Dialect, string Provider, string UpstreamPath, ApiFormat? Api, IReadOnlyList<string> QueryParameters)
{
    public ProxyRoute(string path, string method, ProviderDialect dialect, string provider, string upstreamPath, ApiFormat? api)
        : this(path, method, dialect, provider, upstreamPath, api, [])
    {
    }

    public bool IsMetered => Api is not null;

    /// <summary>A dialect the route can also serve by translation (Chat Completions to Anthropic's Messages); null for none.</summary>
    public ProviderDialect? Translates { get; init; }
}
