namespace KeyMeter.Core.Proxy;

/// <summary>The members of a request body the proxy reads; everything else is <see cref="Other"/>.</summary>
internal enum RequestMember
{
    Other,
    Model,
    Stream,
    StreamOptions,
    IncludeUsage,
    MaxTokens,
    MaxCompletionTokens,
    MaxOutputTokens,
    N,
    BestOf,
    Messages,
    Input,
    PreviousResponseId,
    Conversation,
    Prompt,
    Tools,
    McpServers,
    ServiceTier,
    Background,
    Type,
    Metadata,
    UserId,
}
