using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Builds the request a provider receives. What does not change between calls is made once: the upstream URL of
/// each provider and path (unless the call forwards a query), the method and the content type. HTTP/2 is asked for
/// and HTTP/1.1 accepted, so a provider that offers HTTP/2 over TLS multiplexes streams on few connections, and one
/// that does not (or plain HTTP, as in tests) gets HTTP/1.1.
/// </summary>
internal sealed class UpstreamRequests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ConcurrentDictionary<(string Provider, string Path), Uri> _urls = new();

    public HttpRequestMessage Create(HttpRequest client, OutboundCall call, UpstreamAuthorization credential)
    {
        var provider = call.Provider;
        var route = call.Upstream;
        if (call.Content is { } content)
        {
            content.Headers.ContentType = Json;
        }

        var query = ProxyHeaders.Query(client, route);
        var url = query.Length == 0
            ? _urls.GetOrAdd((provider.Name, route.UpstreamPath), static (key, provider) => provider.UrlOf(key.Path, ""), provider)
            : provider.UrlOf(route.UpstreamPath, query);
        var request = new HttpRequestMessage(HttpMethod.Parse(route.Method), url)
        {
            Content = call.Content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        ProxyHeaders.CopyRequestHeaders(client, request, provider.Dialect);
        request.Headers.TryAddWithoutValidation(credential.Header, credential.Value);
        foreach (var (name, value) in provider.FixedHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in provider.DefaultHeaders)
        {
            if (!request.Headers.NonValidated.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
