namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>What <see cref="MessagesToChatJson"/> wrote.</summary>
public enum MessagesTranslationOutcome : byte
{
    /// <summary>A <c>chat.completion</c> object.</summary>
    Translated,

    /// <summary>The body was an Anthropic error: an OpenAI error object <c>{"error":{...}}</c> was written.</summary>
    Failed,

    /// <summary>The body was not an Anthropic message or error; nothing usable was written.</summary>
    Malformed,
}
