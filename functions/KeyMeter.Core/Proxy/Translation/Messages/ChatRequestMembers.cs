using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The top-level members of a Chat Completions request other than <c>messages</c>, read and checked in one pass:
/// positions for what is copied, values for what is decided on. A member Anthropic cannot honour without changing
/// what the client gets back is refused here (<see cref="ChatToMessagesRequest"/> lists them).
/// </summary>
internal sealed class ChatRequestMembers
{
    public RawToken Model { get; private set; }

    public RawToken Tools { get; private set; }

    public RawToken ToolChoice { get; private set; }

    public RawToken Stop { get; private set; }

    public RawToken Temperature { get; private set; }

    public RawToken TopP { get; private set; }

    public RawToken User { get; private set; }

    public bool ParallelToolCalls { get; private set; } = true;

    public bool Stream { get; private set; }

    public bool IncludeUsage { get; private set; }

    public long? MaxCompletionTokens { get; private set; }

    public long? MaxTokens { get; private set; }

    /// <summary>The thinking budget <c>reasoning_effort</c> asks for; 0 for none.</summary>
    public int ThinkingBudget { get; private set; }

    /// <summary>Reads the member the reader stands on (a property name) and its value; the error, or null.</summary>
    public ChatRequestError? Read(ref Utf8JsonReader reader)
    {
        var name = reader.ValueTextEquals("model"u8) ? Member.Model
            : reader.ValueTextEquals("tools"u8) ? Member.Tools
            : reader.ValueTextEquals("tool_choice"u8) ? Member.ToolChoice
            : reader.ValueTextEquals("stop"u8) ? Member.Stop
            : reader.ValueTextEquals("temperature"u8) ? Member.Temperature
            : reader.ValueTextEquals("top_p"u8) ? Member.TopP
            : reader.ValueTextEquals("user"u8) ? Member.User
            : reader.ValueTextEquals("parallel_tool_calls"u8) ? Member.ParallelToolCalls
            : reader.ValueTextEquals("stream"u8) ? Member.Stream
            : reader.ValueTextEquals("stream_options"u8) ? Member.StreamOptions
            : reader.ValueTextEquals("max_completion_tokens"u8) ? Member.MaxCompletionTokens
            : reader.ValueTextEquals("max_tokens"u8) ? Member.MaxTokens
            : reader.ValueTextEquals("reasoning_effort"u8) ? Member.ReasoningEffort
            : reader.ValueTextEquals("n"u8) ? Member.N
            : reader.ValueTextEquals("logprobs"u8) ? Member.Logprobs
            : reader.ValueTextEquals("top_logprobs"u8) ? Member.TopLogprobs
            : reader.ValueTextEquals("response_format"u8) ? Member.ResponseFormat
            : reader.ValueTextEquals("modalities"u8) ? Member.Modalities
            : reader.ValueTextEquals("audio"u8) ? Member.Refused
            : reader.ValueTextEquals("functions"u8) ? Member.Refused
            : reader.ValueTextEquals("function_call"u8) ? Member.Refused
            : reader.ValueTextEquals("web_search_options"u8) ? Member.Refused
            : Member.Dropped;
        var memberName = name == Member.Refused ? reader.GetString() : null;
        var budget = 0;
        reader.Read();
        var isNull = reader.TokenType == JsonTokenType.Null;
        switch (name)
        {
            case Member.Model:
                Model = RawToken.ReadString(ref reader);
                return Model.IsString ? null : new("model", "model must be a string.");
            case Member.Tools:
                Tools = RawToken.Read(ref reader);
                return null;
            case Member.ToolChoice:
                ToolChoice = RawToken.Read(ref reader);
                return null;
            case Member.Stop:
                Stop = RawToken.Read(ref reader);
                return null;
            case Member.Temperature:
                Temperature = RawToken.Read(ref reader);
                return isNull || Temperature.Type == JsonTokenType.Number ? null : new("temperature", "temperature must be a number.");
            case Member.TopP:
                TopP = RawToken.Read(ref reader);
                return isNull || TopP.Type == JsonTokenType.Number ? null : new("top_p", "top_p must be a number.");
            case Member.User:
                User = RawToken.Read(ref reader);
                return isNull || User.IsString ? null : new("user", "user must be a string.");
            case Member.ParallelToolCalls:
                ParallelToolCalls = reader.TokenType != JsonTokenType.False;
                return ReadBoolean(ref reader, "parallel_tool_calls");
            case Member.Stream:
                Stream = reader.TokenType == JsonTokenType.True;
                return ReadBoolean(ref reader, "stream");
            case Member.StreamOptions:
                return ReadStreamOptions(ref reader);
            case Member.MaxCompletionTokens:
                MaxCompletionTokens = ReadCount(ref reader);
                return MaxCompletionTokens is null && !isNull ? new("max_completion_tokens", "max_completion_tokens must be a positive integer.") : null;
            case Member.MaxTokens:
                MaxTokens = ReadCount(ref reader);
                return MaxTokens is null && !isNull ? new("max_tokens", "max_tokens must be a positive integer.") : null;
            case Member.ReasoningEffort:
                var known = isNull || ReasoningBudget.TryRead(ref reader, out budget);
                reader.Skip();
                ThinkingBudget = known && !isNull ? budget : 0;
                return known ? null : new("reasoning_effort", "reasoning_effort must be none, minimal, low, medium or high.");
            case Member.N:
                var n = ReadCount(ref reader);
                return isNull || n == 1 ? null : new("n", "Anthropic models return one choice: n must be 1.");
            case Member.Logprobs:
                var logprobs = reader.TokenType == JsonTokenType.True;
                reader.Skip();
                return logprobs ? new("logprobs", "logprobs is not supported for Anthropic models.") : null;
            case Member.TopLogprobs:
                var topLogprobs = isNull || ReadCount(ref reader) is null;
                reader.Skip();
                return topLogprobs ? null : new("top_logprobs", "top_logprobs is not supported for Anthropic models.");
            case Member.ResponseFormat:
                return ReadResponseFormat(ref reader);
            case Member.Modalities:
                return ReadModalities(ref reader);
            case Member.Refused:
                var refused = !isNull;
                reader.Skip();
                return refused ? new(memberName!, $"{memberName} is not supported for Anthropic models.") : null;
            default:
                reader.Skip();
                return null;
        }
    }

    private static ChatRequestError? ReadBoolean(ref Utf8JsonReader reader, string name)
    {
        var valid = reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
        reader.Skip();
        return valid ? null : new(name, $"{name} must be true or false.");
    }

    /// <summary>A positive integer; null for anything else (a number that is not one, null, another type).</summary>
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        var count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 1 ? value : (long?)null;
        reader.Skip();
        return count;
    }

    private ChatRequestError? ReadStreamOptions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            IncludeUsage = isIncludeUsage ? reader.TokenType == JsonTokenType.True : IncludeUsage;
            reader.Skip();
        }

        return null;
    }

    /// <summary><c>text</c> is Anthropic's only answer format; JSON modes are refused rather than ignored.</summary>
    private static ChatRequestError? ReadResponseFormat(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var isText = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            isText = isType ? JsonStrings.IsString(ref reader, "text"u8) : isText;
            reader.Skip();
        }

        return isText ? null : new("response_format", "response_format json_object and json_schema are not supported for Anthropic models; describe the JSON in the prompt or use a tool.");
    }

    /// <summary>Text is the only output Anthropic models give.</summary>
    private static ChatRequestError? ReadModalities(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var textOnly = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            textOnly &= JsonStrings.IsString(ref reader, "text"u8);
            reader.Skip();
        }

        return textOnly ? null : new("modalities", "Anthropic models answer in text only.");
    }

    private enum Member : byte
    {
        Dropped,
        Refused,
        Model,
        Tools,
        ToolChoice,
        Stop,
        Temperature,
        TopP,
        User,
        ParallelToolCalls,
        Stream,
        StreamOptions,
        MaxCompletionTokens,
        MaxTokens,
        ReasoningEffort,
        N,
        Logprobs,
        TopLogprobs,
        ResponseFormat,
        Modalities,
    }
}
