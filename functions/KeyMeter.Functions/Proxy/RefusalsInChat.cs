namespace KeyMeter.Functions.Proxy;

/// <summary>When a budget or allow-list refusal on Chat Completions is answered as a chat message (<see cref="ChatRefusal"/>).</summary>
public enum RefusalsInChat
{
    /// <summary>Only for Cursor (a <c>Cursor/</c> User-Agent), which shows every 429 as "User API Key Rate limit exceeded".</summary>
    Cursor,

    /// <summary>For every client of <c>/v1/chat/completions</c>.</summary>
    Always,

    /// <summary>Never: refusals are always the provider-shaped 4xx.</summary>
    Never,
}
