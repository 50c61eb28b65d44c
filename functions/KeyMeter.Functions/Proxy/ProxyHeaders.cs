using System.Collections.Frozen;
using System.Net.Http.Headers;
using KeyMeter.Core.Proxy;
using Microsoft.Extensions.Primitives;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Which headers and query parameters cross the proxy. Upstream, only what each provider's own SDKs send and the API
/// needs goes through (an allow-list): a client must not choose the organisation or project billed
/// (<c>OpenAI-Organization</c>, <c>OpenAI-Project</c> come from settings), nor pass forwarding headers, cookies or its
/// own credentials. Downstream, hop-by-hop headers (RFC 9110 section 7.6.1), cookies and the company's account
/// identifiers are dropped; the provider key never appears in either direction.
/// </summary>
internal static class ProxyHeaders
{
    /// <summary>Telemetry headers the OpenAI and Anthropic SDKs send (<c>X-Stainless-Lang</c>, <c>…-Retry-Count</c>, …).</summary>
    private const string SdkTelemetryPrefix = "X-Stainless-";

    private static readonly FrozenSet<string> OpenAIRequest = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "Accept", "User-Agent", "OpenAI-Beta");

    private static readonly FrozenSet<string> AnthropicRequest = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "Accept", "User-Agent", "anthropic-version", "anthropic-beta");

    private static readonly FrozenSet<string> NotReturned = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Set-Cookie", "openai-organization", "openai-project", "anthropic-organization-id");

    /// <summary>Copies the client's headers the provider may see; content headers are the proxy's own.</summary>
    public static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage to, ProviderDialect dialect)
    {
        var allowed = dialect switch
        {
            ProviderDialect.OpenAI => OpenAIRequest,
            ProviderDialect.Anthropic => AnthropicRequest,
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "No header allow-list for this dialect."),
        };
        foreach (var header in from.Headers)
        {
            if (allowed.Contains(header.Key) || header.Key.StartsWith(SdkTelemetryPrefix, StringComparison.OrdinalIgnoreCase))
            {
                to.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }
    }

    /// <summary>The query string to forward: only the parameters <paramref name="route"/> accepts, re-encoded.</summary>
    public static string Query(HttpRequest request, ProxyRoute route)
    {
        if (route.QueryParameters.Count == 0 || request.Query.Count == 0)
        {
            return "";
        }

        var kept = request.Query
            .Where(parameter => route.QueryParameters.Contains(parameter.Key, StringComparer.Ordinal))
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, (string?)value)))
            .ToList();
        return kept.Count == 0 ? "" : QueryString.Create(kept).Value ?? "";
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
            if (NotReturned.Contains(header.Key) || (bodyRewritten && header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            to.Headers[header.Key] = new StringValues([.. header.Value]);
        }
    }
}
