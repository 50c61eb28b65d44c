namespace KeyMeter.Core.Proxy.Translation;

/// <summary>What <see cref="ResponsesToChatJsonTranslator"/> wrote.</summary>
public enum ResponsesTranslationOutcome : byte
{
    /// <summary>A <c>chat.completion</c> object.</summary>
    Translated,

    /// <summary>The response failed: an OpenAI error object <c>{"error":{...}}</c>, to send with a 5xx status.</summary>
    Failed,

    /// <summary>The body was not a Responses API response object; nothing usable was written.</summary>
    Malformed,
}
