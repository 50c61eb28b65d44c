using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Finds the KeyMeter key a client sent: <c>Authorization: Bearer km_…</c> (OpenAI SDKs, Cursor) or
/// <c>x-api-key: km_…</c> (Anthropic SDKs, Claude Code). Never from the URL.
/// </summary>
internal static class ProxyCredentials
{
    public static string? Find(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var candidate = authorization.AsSpan(7).Trim();
            if (KeySecret.IsWellFormed(candidate))
            {
                return candidate.ToString();
            }
        }

        var apiKey = request.Headers["x-api-key"].ToString().Trim();
        return KeySecret.IsWellFormed(apiKey) ? apiKey : null;
    }
}
