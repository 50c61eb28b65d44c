using System.Text.Json;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Walks one JSON document token by token with <see cref="Utf8JsonReader"/> (no DOM, no strings) and records into a
/// <see cref="UsageFacts"/> what metering needs, wherever the providers put it:
/// <list type="bullet">
/// <item>the usage object at <c>usage</c>, <c>response.usage</c> (Responses events) or <c>message.usage</c>
/// (Anthropic <c>message_start</c>), under OpenAI's and Anthropic's field names;</item>
/// <item><c>model</c> and <c>id</c> at the same three places, and the top-level <c>type</c>;</item>
/// <item>the byte length of generated text (content, refusal, reasoning, tool-call arguments) in responses and in
/// stream deltas, for estimates.</item>
/// </list>
/// The document may arrive in parts: the reader state and the property path survive between calls to
/// <see cref="TryRead"/>. Malformed JSON ends the scan with <see langword="false"/>, never an exception.
/// </summary>
internal sealed class UsageJsonScanner
{
    // Property names are tracked this deep; no field metering reads is deeper than 8.
    private const int MaxTrackedDepth = 16;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    private readonly UsageFacts _facts;
    private readonly JsonName[] _names = new JsonName[MaxTrackedDepth];
    private ulong _arrayDepths;
    private int _usageDepth;
    private JsonReaderState _state = new(Options);

    public UsageJsonScanner(UsageFacts facts)
    {
        _facts = facts;
    }

    /// <summary>Set once the top-level value has been read to its end.</summary>
    public bool DocumentEnded { get; private set; }

    /// <summary>Starts a new document.</summary>
    public void Begin()
    {
        _state = new JsonReaderState(Options);
        _arrayDepths = 0;
        _usageDepth = 0;
        DocumentEnded = false;
    }

    /// <summary>Scans one complete document, e.g. the data of one SSE event.</summary>
    public bool TryScanDocument(ReadOnlySpan<byte> json)
    {
        Begin();
        return TryRead(json, isFinalBlock: true, out _) && DocumentEnded;
    }

    /// <summary>
    /// Reads every complete token of <paramref name="data"/>; <paramref name="consumed"/> says where the first
    /// incomplete one starts, to be passed again with the next part. Returns <see langword="false"/> on invalid JSON.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        try
        {
            while (!DocumentEnded && reader.Read())
            {
                Visit(ref reader);
            }
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed input only by throwing; to metering it is data, not a bug.
            consumed = (int)reader.BytesConsumed;
            return false;
        }

        _state = reader.CurrentState;
        consumed = (int)reader.BytesConsumed;
        return true;
    }

    internal static StreamEventType ClassifyEventType(ReadOnlySpan<byte> type)
    {
        if (type.StartsWith("response."u8))
        {
            var rest = type["response."u8.Length..];
            return rest.SequenceEqual("output_text.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("function_call_arguments.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("refusal.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("reasoning_text.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("reasoning_summary_text.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("custom_tool_call_input.delta"u8) ? StreamEventType.ResponseTextDelta
                : rest.SequenceEqual("completed"u8) ? StreamEventType.ResponseCompleted
                : rest.SequenceEqual("incomplete"u8) ? StreamEventType.ResponseIncomplete
                : rest.SequenceEqual("failed"u8) ? StreamEventType.ResponseFailed
                : StreamEventType.Other;
        }

        return type.SequenceEqual("content_block_delta"u8) ? StreamEventType.ContentBlockDelta
            : type.SequenceEqual("message_delta"u8) ? StreamEventType.MessageDelta
            : type.SequenceEqual("message_start"u8) ? StreamEventType.MessageStart
            : type.SequenceEqual("message_stop"u8) ? StreamEventType.MessageStop
            : type.SequenceEqual("error"u8) ? StreamEventType.Error
            : StreamEventType.Other;
    }

    private void Visit(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var token = reader.TokenType;
        if (token == JsonTokenType.PropertyName)
        {
            if (depth < MaxTrackedDepth)
            {
                _names[depth] = reader.ValueIsEscaped ? JsonName.Other : ClassifyName(reader.ValueSpan);
            }

            return;
        }

        if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            if (depth == _usageDepth && _usageDepth > 0)
            {
                _usageDepth = 0;
                _facts.HasUsage |= _facts.Usage.HasAny;
            }

            DocumentEnded = depth == 0;
            return;
        }

        if (depth is > 0 and < MaxTrackedDepth && IsArray(depth - 1))
        {
            _names[depth] = JsonName.Item;
            _facts.HasChoices |= depth == 2 && _names[1] == JsonName.Choices;
        }

        switch (token)
        {
            case JsonTokenType.StartObject:
                SetArray(depth, false);
                if (_usageDepth == 0 && IsUsage(depth))
                {
                    _usageDepth = depth;
                }

                return;
            case JsonTokenType.StartArray:
                SetArray(depth, true);
                return;
            case JsonTokenType.Number when _usageDepth > 0 && depth < MaxTrackedDepth:
                ReadCount(ref reader, depth);
                break;
            case JsonTokenType.String when depth < MaxTrackedDepth:
                ReadString(ref reader, depth);
                break;
        }

        DocumentEnded = depth == 0;
    }

    private bool IsArray(int depth) => depth < 64 && (_arrayDepths & (1UL << depth)) != 0;

    private void SetArray(int depth, bool isArray)
    {
        if (depth < 64)
        {
            _arrayDepths = isArray ? _arrayDepths | (1UL << depth) : _arrayDepths & ~(1UL << depth);
        }
    }

    private bool IsUsage(int depth) => depth < MaxTrackedDepth && _names[depth] == JsonName.Usage && IsTopLevelOrWrapped(depth);

    // Top level, or directly inside the "response" (Responses events) or "message" (Anthropic message_start) object.
    private bool IsTopLevelOrWrapped(int depth) =>
        depth == 1 || (depth == 2 && _names[1] is JsonName.Response or JsonName.Message);

    private void ReadCount(ref Utf8JsonReader reader, int depth)
    {
        var name = _names[depth];
        var usage = _facts.Usage;
        switch (depth - _usageDepth)
        {
            case 1:
                switch (name)
                {
                    case JsonName.PromptTokens or JsonName.InputTokens:
                        usage.InputTokens = ReadCount(ref reader);
                        break;
                    case JsonName.CompletionTokens or JsonName.OutputTokens:
                        usage.OutputTokens = ReadCount(ref reader);
                        break;
                    case JsonName.CacheReadInputTokens:
                        usage.CacheReadInputTokens = ReadCount(ref reader);
                        break;
                    case JsonName.CacheCreationInputTokens:
                        usage.CacheCreationInputTokens = ReadCount(ref reader);
                        break;
                }

                break;
            case 2:
                switch (_names[depth - 1], name)
                {
                    case (JsonName.PromptTokensDetails or JsonName.InputTokensDetails, JsonName.CachedTokens):
                        usage.CachedTokens = ReadCount(ref reader);
                        break;
                    case (JsonName.CompletionTokensDetails or JsonName.OutputTokensDetails, JsonName.ReasoningTokens):
                        usage.ReasoningTokens = ReadCount(ref reader);
                        break;
                    case (JsonName.CacheCreation, JsonName.Ephemeral5mInputTokens):
                        usage.Ephemeral5mInputTokens = ReadCount(ref reader);
                        break;
                    case (JsonName.CacheCreation, JsonName.Ephemeral1hInputTokens):
                        usage.Ephemeral1hInputTokens = ReadCount(ref reader);
                        break;
                }

                break;
        }
    }

    private static long ReadCount(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var count))
        {
            return Math.Max(0, count);
        }

        // Some compatible backends write counts as floats (12.0); anything unreadable counts as nothing.
        return reader.TryGetDouble(out var value) && value > 0
            ? value >= long.MaxValue ? long.MaxValue : (long)Math.Round(value)
            : 0;
    }

    private void ReadString(ref Utf8JsonReader reader, int depth)
    {
        switch (_names[depth])
        {
            case JsonName.Type when depth == 1:
                _facts.Type = reader.ValueIsEscaped ? StreamEventType.Other : ClassifyEventType(reader.ValueSpan);
                break;
            case JsonName.Model when _facts.CaptureIdentifiers && IsTopLevelOrWrapped(depth):
                _facts.SetModel(Identifier(ref reader));
                break;
            case JsonName.Id when _facts.CaptureIdentifiers && IsTopLevelOrWrapped(depth):
                _facts.SetId(Identifier(ref reader));
                break;
            case JsonName.Delta or JsonName.Text or JsonName.Content or JsonName.Refusal or JsonName.ReasoningContent
                or JsonName.Thinking or JsonName.PartialJson or JsonName.Arguments when IsGeneratedText(depth):
                // Only the length is kept: the text itself is never copied (zero data retention).
                _facts.TextBytes += reader.ValueSpan.Length;
                break;
        }
    }

    // Null (absent) when the value is too long to be an identifier.
    private static string? Identifier(ref Utf8JsonReader reader) =>
        reader.ValueSpan.Length <= UsageFacts.MaxIdentifierBytes ? reader.GetString() : null;

    /// <summary>Whether the string at <paramref name="depth"/> is text the model generated, by its path.</summary>
    private bool IsGeneratedText(int depth)
    {
        if (depth == 0)
        {
            return false;
        }

        var path = _names.AsSpan(1, depth);
        return path[0] switch
        {
            // Chat and legacy completions: choices[].text, choices[].delta|message.content|refusal|reasoning_content,
            // choices[].delta|message.tool_calls[].function.arguments.
            JsonName.Choices => depth >= 3 && path[1] == JsonName.Item && (
                (depth == 3 && path[2] == JsonName.Text)
                || (depth == 4 && path[2] is JsonName.Delta or JsonName.Message
                    && path[3] is JsonName.Content or JsonName.Refusal or JsonName.ReasoningContent)
                || (depth == 7 && path[2] is JsonName.Delta or JsonName.Message && path[3] == JsonName.ToolCalls
                    && path[4] == JsonName.Item && path[5] == JsonName.Function && path[6] == JsonName.Arguments)),

            // Responses delta events carry a top-level "delta" string; Anthropic content_block_delta a "delta" object.
            JsonName.Delta => depth == 1
                || (depth == 2 && path[1] is JsonName.Text or JsonName.PartialJson or JsonName.Thinking),

            // Responses body: output[].content[].text|refusal and output[].arguments.
            JsonName.Output => (depth == 5 && path[1] == JsonName.Item && path[2] == JsonName.Content
                    && path[3] == JsonName.Item && path[4] is JsonName.Text or JsonName.Refusal)
                || (depth == 3 && path[1] == JsonName.Item && path[2] == JsonName.Arguments),

            // Anthropic body: content[].text|thinking.
            JsonName.Content => depth == 3 && path[1] == JsonName.Item && path[2] is JsonName.Text or JsonName.Thinking,
            _ => false,
        };
    }

    private static JsonName ClassifyName(ReadOnlySpan<byte> name)
    {
        // Only names metering reads; SequenceEqual fails fast on length, so the chain is cheap.
        if (name.SequenceEqual("id"u8)) { return JsonName.Id; }
        if (name.SequenceEqual("type"u8)) { return JsonName.Type; }
        if (name.SequenceEqual("text"u8)) { return JsonName.Text; }
        if (name.SequenceEqual("delta"u8)) { return JsonName.Delta; }
        if (name.SequenceEqual("model"u8)) { return JsonName.Model; }
        if (name.SequenceEqual("usage"u8)) { return JsonName.Usage; }
        if (name.SequenceEqual("choices"u8)) { return JsonName.Choices; }
        if (name.SequenceEqual("content"u8)) { return JsonName.Content; }
        if (name.SequenceEqual("message"u8)) { return JsonName.Message; }
        if (name.SequenceEqual("refusal"u8)) { return JsonName.Refusal; }
        if (name.SequenceEqual("output"u8)) { return JsonName.Output; }
        if (name.SequenceEqual("response"u8)) { return JsonName.Response; }
        if (name.SequenceEqual("function"u8)) { return JsonName.Function; }
        if (name.SequenceEqual("thinking"u8)) { return JsonName.Thinking; }
        if (name.SequenceEqual("arguments"u8)) { return JsonName.Arguments; }
        if (name.SequenceEqual("tool_calls"u8)) { return JsonName.ToolCalls; }
        if (name.SequenceEqual("partial_json"u8)) { return JsonName.PartialJson; }
        if (name.SequenceEqual("reasoning_content"u8)) { return JsonName.ReasoningContent; }
        if (name.SequenceEqual("prompt_tokens"u8)) { return JsonName.PromptTokens; }
        if (name.SequenceEqual("completion_tokens"u8)) { return JsonName.CompletionTokens; }
        if (name.SequenceEqual("input_tokens"u8)) { return JsonName.InputTokens; }
        if (name.SequenceEqual("output_tokens"u8)) { return JsonName.OutputTokens; }
        if (name.SequenceEqual("prompt_tokens_details"u8)) { return JsonName.PromptTokensDetails; }
        if (name.SequenceEqual("completion_tokens_details"u8)) { return JsonName.CompletionTokensDetails; }
        if (name.SequenceEqual("input_tokens_details"u8)) { return JsonName.InputTokensDetails; }
        if (name.SequenceEqual("output_tokens_details"u8)) { return JsonName.OutputTokensDetails; }
        if (name.SequenceEqual("cached_tokens"u8)) { return JsonName.CachedTokens; }
        if (name.SequenceEqual("reasoning_tokens"u8)) { return JsonName.ReasoningTokens; }
        if (name.SequenceEqual("cache_read_input_tokens"u8)) { return JsonName.CacheReadInputTokens; }
        if (name.SequenceEqual("cache_creation_input_tokens"u8)) { return JsonName.CacheCreationInputTokens; }
        if (name.SequenceEqual("cache_creation"u8)) { return JsonName.CacheCreation; }
        if (name.SequenceEqual("ephemeral_5m_input_tokens"u8)) { return JsonName.Ephemeral5mInputTokens; }
        if (name.SequenceEqual("ephemeral_1h_input_tokens"u8)) { return JsonName.Ephemeral1hInputTokens; }
        return JsonName.Other;
    }
}
