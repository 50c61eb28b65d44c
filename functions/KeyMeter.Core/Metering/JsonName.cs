namespace KeyMeter.Core.Metering;

/// <summary>The property names <see cref="UsageJsonScanner"/> cares about; every other name is <see cref="Other"/>.</summary>
internal enum JsonName : byte
{
    Other,

    /// <summary>An array element (it has no name).</summary>
    Item,
    Usage,
    Model,
    Id,
    Type,
    Response,
    Message,
    Choices,
    Delta,
    Text,
    Content,
    Refusal,
    ReasoningContent,
    Thinking,
    PartialJson,
    ToolCalls,
    Function,
    Arguments,
    Output,
    PromptTokens,
    CompletionTokens,
    InputTokens,
    OutputTokens,
    PromptTokensDetails,
    CompletionTokensDetails,
    InputTokensDetails,
    OutputTokensDetails,
    CachedTokens,
    ReasoningTokens,
    CacheReadInputTokens,
    CacheCreationInputTokens,
    CacheCreation,
    Ephemeral5mInputTokens,
    Ephemeral1hInputTokens,
}
