namespace KeyMeter.Core.Metering;

/// <summary>The upstream API a call went to; decides how its usage is read and how tokens are normalised.</summary>
public enum ApiFormat
{
    /// <summary>OpenAI <c>/v1/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary>OpenAI <c>/v1/responses</c>.</summary>
    Responses,

    /// <summary>OpenAI legacy <c>/v1/completions</c>.</summary>
    Completions,

    /// <summary>OpenAI <c>/v1/embeddings</c>.</summary>
    Embeddings,

    /// <summary>Anthropic <c>/v1/messages</c>.</summary>
    AnthropicMessages,
}
