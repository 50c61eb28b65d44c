namespace KeyMeter.Core.Proxy;

/// <summary>Names the members the proxy reads, by their decoded names and where they stand.</summary>
internal static class RequestMembers
{
    public static RequestMember Classify(RequestFrameRole role, ReadOnlySpan<byte> name) => role switch
    {
        RequestFrameRole.Root => Root(name),
        RequestFrameRole.StreamOptions => name.SequenceEqual("include_usage"u8) ? RequestMember.IncludeUsage : RequestMember.Other,
        RequestFrameRole.Metadata => name.SequenceEqual("user_id"u8) ? RequestMember.UserId : RequestMember.Other,
        _ => name.SequenceEqual("type"u8) ? RequestMember.Type : RequestMember.Other,
    };

    /// <summary>The name a member is refused under, for the 400 message.</summary>
    public static string NameOf(RequestMember member) => member switch
    {
        RequestMember.Model => "model",
        RequestMember.Stream => "stream",
        RequestMember.MaxTokens => "max_tokens",
        RequestMember.MaxCompletionTokens => "max_completion_tokens",
        RequestMember.MaxOutputTokens => "max_output_tokens",
        RequestMember.N => "n",
        RequestMember.BestOf => "best_of",
        RequestMember.ServiceTier => "service_tier",
        RequestMember.Background => "background",
        RequestMember.PreviousResponseId => "previous_response_id",
        RequestMember.Conversation => "conversation",
        _ => member.ToString(),
    };

    private static RequestMember Root(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("model"u8) => RequestMember.Model,
        _ when name.SequenceEqual("stream"u8) => RequestMember.Stream,
        _ when name.SequenceEqual("stream_options"u8) => RequestMember.StreamOptions,
        _ when name.SequenceEqual("max_tokens"u8) => RequestMember.MaxTokens,
        _ when name.SequenceEqual("max_completion_tokens"u8) => RequestMember.MaxCompletionTokens,
        _ when name.SequenceEqual("max_output_tokens"u8) => RequestMember.MaxOutputTokens,
        _ when name.SequenceEqual("n"u8) => RequestMember.N,
        _ when name.SequenceEqual("best_of"u8) => RequestMember.BestOf,
        _ when name.SequenceEqual("messages"u8) => RequestMember.Messages,
        _ when name.SequenceEqual("input"u8) => RequestMember.Input,
        _ when name.SequenceEqual("previous_response_id"u8) => RequestMember.PreviousResponseId,
        _ when name.SequenceEqual("conversation"u8) => RequestMember.Conversation,
        _ when name.SequenceEqual("prompt"u8) => RequestMember.Prompt,
        _ when name.SequenceEqual("tools"u8) => RequestMember.Tools,
        _ when name.SequenceEqual("mcp_servers"u8) => RequestMember.McpServers,
        _ when name.SequenceEqual("service_tier"u8) => RequestMember.ServiceTier,
        _ when name.SequenceEqual("background"u8) => RequestMember.Background,
        _ when name.SequenceEqual("metadata"u8) => RequestMember.Metadata,
        _ => RequestMember.Other,
    };
}
