namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Cursor's "GPT-5 quirk": in Agent mode it sends OpenAI GPT-5 models a Responses API body (<c>input</c>, flat
/// tools, <c>reasoning</c>, <c>text</c>, <c>store</c>, <c>include</c>) to <c>/v1/chat/completions</c> and still
/// expects Chat Completions back. Cursor staff confirmed the bug in the forum
/// (https://forum.cursor.com/t/its-a-communication-error-between-cursor-and-the-openai-compatible-provider/158939);
/// LiteLLM works around it with a dedicated route (https://docs.litellm.ai/docs/proxy/cursor).
/// </summary>
public static class CursorResponsesQuirk
{
    /// <summary>
    /// Whether a body sent to the chat-completions route is Responses-shaped: it has <c>input</c> and no
    /// <c>messages</c>. Such a request must go upstream to <c>/v1/responses</c> and its answer be translated back.
    /// </summary>
    public static bool IsResponsesShaped(RequestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.HasInput && !summary.HasMessages;
    }
}
