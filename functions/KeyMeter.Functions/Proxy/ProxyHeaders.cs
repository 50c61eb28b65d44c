using System.Net.Http.Headers;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Which headers cross the proxy. Hop-by-hop headers never do (RFC 9110 section 7.6.1); the client's credentials
/// never reach the provider and the provider key never reaches the client.
/// </summary>
internal static class ProxyHeaders
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>
    /// Not forwarded upstream: hop-by-hop, the client's credentials and host, and Accept-Encoding, because metering
    /// reads the response bytes as they pass and a compressed stream could not be read without buffering.
    /// </summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Authorization", "x-api-key", "x-functions-key", "Cookie", "Content-Length", "Accept-Encoding",
        "Expect", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Original-URL", "X-ARR-LOG-ID",
        "X-ARR-SSL", "Max-Forwards", "X-Azure-Functions-InvocationId", "x-ms-invocation-id",
    };

    public static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage to)
    {
        foreach (var header in from.Headers)
        {
            if (HopByHop.Contains(header.Key) || NotForwarded.Contains(header.Key))
            {
                continue;
            }

            if (!to.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                to.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }
    }

    /// <summary>Builds the client's response headers from the upstream ones; the upstream response is never modified.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage from, HttpResponse to, bool bodyRewritten)
    {
        Copy(from.Headers, to, bodyRewritten);
        Copy(from.Content.Headers, to, bodyRewritten);
    }

    private static void Copy(HttpHeaders headers, HttpResponse to, bool bodyRewritten)
    {
        foreach (var header in headers)
        {
            if (HopByHop.Contains(header.Key) || (bodyRewritten && header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            to.Headers[header.Key] = header.Value.ToArray();
        }
    }
}
