using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// An Anthropic Messages <c>usage</c> object (https://docs.anthropic.com/en/api/messages), written back in Chat
/// Completions names. Anthropic counts cache reads and cache writes <em>outside</em> <c>input_tokens</c>, OpenAI
/// counts cached tokens inside <c>prompt_tokens</c>, so <c>prompt_tokens</c> is the sum of the three. A member the
/// upstream did not send is null, so a streamed <c>message_delta</c>, whose counts are cumulative, replaces only what
/// it carries (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
/// </summary>
internal readonly record struct MessagesUsage(long? InputTokens, long? CacheReadInputTokens, long? CacheCreationInputTokens, long? OutputTokens) : IChatUsage
{
    public long PromptTokens => (InputTokens ?? 0) + (CacheReadInputTokens ?? 0) + (CacheCreationInputTokens ?? 0);

    /// <summary>Reads the object the reader stands on; null when it is not an object (for example <c>null</c>).</summary>
    public static MessagesUsage? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var usage = default(MessagesUsage);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                usage = usage with { InputTokens = ReadCount(ref reader) };
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                usage = usage with { CacheReadInputTokens = ReadCount(ref reader) };
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                usage = usage with { CacheCreationInputTokens = ReadCount(ref reader) };
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                usage = usage with { OutputTokens = ReadCount(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }

    /// <summary>This usage with every count <paramref name="later"/> carries replacing the earlier one.</summary>
    public MessagesUsage MergeLatest(MessagesUsage later) => new(
        later.InputTokens ?? InputTokens,
        later.CacheReadInputTokens ?? CacheReadInputTokens,
        later.CacheCreationInputTokens ?? CacheCreationInputTokens,
        later.OutputTokens ?? OutputTokens);

    /// <summary>
    /// Writes <c>"usage": {...}</c> in Chat Completions names. <c>cached_tokens</c> is the cache reads; the cache writes,
    /// which Chat Completions has no name for, stay visible as <c>prompt_tokens_details.cache_creation_input_tokens</c>.
    /// </summary>
    public void WriteChatUsage(Utf8JsonWriter writer)
    {
        var output = OutputTokens ?? 0;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, PromptTokens);
        writer.WriteNumber("completion_tokens"u8, output);
        writer.WriteNumber("total_tokens"u8, PromptTokens + output);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, CacheReadInputTokens ?? 0);
        writer.WriteNumber("cache_creation_input_tokens"u8, CacheCreationInputTokens ?? 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A non-negative integer count; null for JSON null; anything else reads as 0.</summary>
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : 0;
        reader.Skip();
        return count;
    }
}
