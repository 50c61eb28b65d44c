namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>How the provider's answer reaches the client: as it is, or rewritten on the way (<see cref="AnswerReader"/>).</summary>
internal enum AnswerShape
{
    /// <summary>Byte for byte.</summary>
    AsIs,

    /// <summary>A Chat Completions stream whose usage the proxy asked for: the usage-only chunk is hidden again.</summary>
    HideUsageChunk,

    /// <summary>Responses upstream (Cursor's Responses-shaped requests), Chat Completions to the client.</summary>
    ResponsesToChat,

    /// <summary>Anthropic Messages upstream (Claude on <c>/v1</c>), Chat Completions to the client.</summary>
    MessagesToChat,
}
