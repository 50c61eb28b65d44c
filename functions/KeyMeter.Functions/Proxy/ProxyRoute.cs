using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>One route the proxy serves: where it forwards and how its usage is read.</summary>
/// <param name="Path">The path clients call, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="UpstreamPath">Appended to the provider's base URL, e.g. <c>/chat/completions</c>.</param>
/// <param name="Api">How usage is read; null for routes that cost nothing (model lists, token counting).</param>
internal sealed record ProxyRoute(string Path, string Method, Provider Provider, string UpstreamPath, ApiFormat? Api)
{
    public bool IsMetered => Api is not null;
}
