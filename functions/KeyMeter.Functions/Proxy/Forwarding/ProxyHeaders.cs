using System.Collections.Frozen;
using System.Net.Http.Headers;
using KeyMeter.Core.Proxy;
using Microsoft.Extensions.Primitives;

namespace KeyMeter.Functions.Proxy.Forwarding;

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
        foreach (var (name, value) in from.Headers)
        {
            if (allowed.Contains(name) || name.StartsWith(SdkTelemetryPrefix, StringComparison.OrdinalIgnoreCase))
            {
                _ = value.Count == 1 ? to.Headers.TryAddWithoutValidation(name, value.ToString()) : to.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
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
        Copy(from.Headers.NonValidated, to, bodyRewritten);
        Copy(from.Content.Headers.NonValidated, to, bodyRewritten);
    }

    /// <summary>Copies headers as the provider sent them, unparsed (no per-header parsing or arrays for single values).</summary>
    private static void Copy(HttpHeadersNonValidated headers, HttpResponse to, bool bodyRewritten)
    {
        foreach (var (name, values) in headers)
        {
            if (NotReturned.Contains(name) || (bodyRewritten && name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            to.Headers[name] = values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
    }
}
