using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Every route the proxy serves. OpenAI's base URL already ends in <c>/v1</c> (Cursor's "Override OpenAI Base URL"
/// is <c>https://app/v1</c>); Anthropic's does not, so its upstream paths keep <c>/v1</c>.
/// </summary>
internal static class ProxyRoutes
{
    public const string OpenAIPrefix = "/v1";
    public const string AnthropicPrefix = "/anthropic";

    private const ProviderDialect OpenAIDialect = ProviderDialect.OpenAI;
    private const ProviderDialect AnthropicDialect = ProviderDialect.Anthropic;

    /// <summary>Where Responses-shaped bodies sent to /v1/chat/completions actually go (Cursor's GPT-5 quirk).</summary>
    public static ProxyRoute CursorResponses { get; } = new("/v1/chat/completions", "POST", OpenAIDialect, KnownProviders.OpenAI, "/responses", ApiFormat.Responses);

    /// <summary>Where Chat Completions for a model of an Anthropic-dialect provider go, translated (Claude on <c>/v1</c>).</summary>
    public static ProxyRoute ChatToMessages { get; } = new("/v1/chat/completions", "POST", OpenAIDialect, KnownProviders.Anthropic, "/v1/messages", ApiFormat.AnthropicMessages);

    /// <summary>Whether <paramref name="path"/> is under <c>/v1</c> or <c>/anthropic</c>: answered by the proxy, in its provider's shape.</summary>
    public static bool IsProxyPath(PathString path) => path.StartsWithSegments(OpenAIPrefix) || path.StartsWithSegments(AnthropicPrefix);

    public static IReadOnlyList<ProxyRoute> All { get; } =
    [
        new("/v1/chat/completions", "POST", OpenAIDialect, KnownProviders.OpenAI, "/chat/completions", ApiFormat.ChatCompletions) { Translates = AnthropicDialect },
        new("/v1/responses", "POST", OpenAIDialect, KnownProviders.OpenAI, "/responses", ApiFormat.Responses),
        new("/v1/completions", "POST", OpenAIDialect, KnownProviders.OpenAI, "/completions", ApiFormat.Completions),
        new("/v1/embeddings", "POST", OpenAIDialect, KnownProviders.OpenAI, "/embeddings", ApiFormat.Embeddings),
        new("/v1/models", "GET", OpenAIDialect, KnownProviders.OpenAI, "/models", null) { Translates = AnthropicDialect },

        // Claude Code calls /v1/messages?beta=true; the models list pages with limit, after_id and before_id.
        new("/anthropic/v1/messages", "POST", AnthropicDialect, KnownProviders.Anthropic, "/v1/messages", ApiFormat.AnthropicMessages, ["beta"]),
        new("/anthropic/v1/messages/count_tokens", "POST", AnthropicDialect, KnownProviders.Anthropic, "/v1/messages/count_tokens", null, ["beta"]),
        new("/anthropic/v1/models", "GET", AnthropicDialect, KnownProviders.Anthropic, "/v1/models", null, ["beta", "limit", "after_id", "before_id"]),
    ];
}
