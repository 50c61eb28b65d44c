using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Every route the proxy serves. OpenAI's base URL already ends in <c>/v1</c> (Cursor's "Override OpenAI Base URL"
/// is <c>https://app/v1</c>); Anthropic's does not, so its upstream paths keep <c>/v1</c>.
/// </summary>
internal static class ProxyRoutes
{
    public const string OpenAIPrefix = "/v1";
    public const string AnthropicPrefix = "/anthropic";

    /// <summary>Where Responses-shaped bodies sent to /v1/chat/completions actually go (Cursor's GPT-5 quirk).</summary>
    public static ProxyRoute CursorResponses { get; } = new("/v1/chat/completions", "POST", Provider.OpenAI, "/responses", ApiFormat.Responses);

    public static IReadOnlyList<ProxyRoute> All { get; } =
    [
        new("/v1/chat/completions", "POST", Provider.OpenAI, "/chat/completions", ApiFormat.ChatCompletions),
        new("/v1/responses", "POST", Provider.OpenAI, "/responses", ApiFormat.Responses),
        new("/v1/completions", "POST", Provider.OpenAI, "/completions", ApiFormat.Completions),
        new("/v1/embeddings", "POST", Provider.OpenAI, "/embeddings", ApiFormat.Embeddings),
        new("/v1/models", "GET", Provider.OpenAI, "/models", null),

        // Claude Code calls /v1/messages?beta=true; the models list pages with limit, after_id and before_id.
        new("/anthropic/v1/messages", "POST", Provider.Anthropic, "/v1/messages", ApiFormat.AnthropicMessages, ["beta"]),
        new("/anthropic/v1/messages/count_tokens", "POST", Provider.Anthropic, "/v1/messages/count_tokens", null, ["beta"]),
        new("/anthropic/v1/models", "GET", Provider.Anthropic, "/v1/models", null, ["beta", "limit", "after_id", "before_id"]),
    ];
}
