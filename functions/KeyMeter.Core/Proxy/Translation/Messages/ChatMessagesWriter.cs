using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Writes a Chat Completions <c>messages</c> array as Anthropic <c>messages</c>
/// (https://docs.anthropic.com/en/api/messages), keeping the system text aside for the top-level <c>system</c>:
/// <list type="bullet">
/// <item><c>system</c> and <c>developer</c> messages: their text, in order, goes to <see cref="System"/>.</item>
/// <item><c>user</c>: text and image parts as <c>text</c> and <c>image</c> blocks.</item>
/// <item><c>assistant</c>: text parts as <c>text</c> blocks (refusal parts dropped), each <c>tool_calls</c> entry a
/// <c>tool_use</c> block (id, name, input parsed from the arguments string).</item>
/// <item><c>tool</c>: a <c>tool_result</c> block (<c>tool_use_id</c>, content) in a user turn.</item>
/// </list>
/// Anthropic alternates user and assistant turns, so blocks join the open turn while the role stays the same: the
/// tool messages answering parallel calls become one user turn with one <c>tool_result</c> each. Empty text is
/// skipped (Anthropic refuses empty text blocks) and a turn opens only with its first block.
/// </summary>
internal sealed class ChatMessagesWriter(Utf8JsonWriter json)
{
    private ChatRole _openTurn = ChatRole.Missing;
    private int _turns;

    /// <summary>The system and developer text, raw JSON strings as positions in the request body, in order.</summary>
    public List<(RawToken Text, RawToken CacheControl)> System { get; } = [];

    /// <summary>
    /// Whether the last assistant turn holds a <c>tool_use</c> block. Anthropic then wants that turn's thinking
    /// blocks back when thinking is on, which a Chat Completions client never had.
    /// </summary>
    public bool LastAssistantTurnHasToolUse { get; private set; }

    /// <summary>Writes <c>"messages": [...]</c> from the array the reader stands on; the error, or null.</summary>
    public ChatRequestError? Write(ReadOnlySpan<byte> body, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return new("messages", "messages must be an array of messages.");
        }

        json.WriteStartArray("messages"u8);
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new($"messages[{i}]", "Each message must be an object.");
            }

            if (WriteMessage(body, ChatMessage.Read(ref reader), i) is { } error)
            {
                return error;
            }
        }

        CloseTurn();
        json.WriteEndArray();
        return _turns == 0 ? new("messages", "messages must hold at least one user or assistant message with content.") : null;
    }

    private ChatRequestError? WriteMessage(ReadOnlySpan<byte> body, ChatMessage message, int i)
    {
        switch (message.Role)
        {
            case ChatRole.System or ChatRole.Developer:
                return CollectSystem(body, message.Content, i);
            case ChatRole.User:
                return message.Content.Type is JsonTokenType.String or JsonTokenType.StartArray
                    ? WriteContent(body, message.Content, ChatRole.User, i)
                    : new($"messages[{i}].content", "A user message needs content.");
            case ChatRole.Assistant:
                return WriteContent(body, message.Content, ChatRole.Assistant, i) ?? WriteToolUses(body, message.ToolCalls, i);
            case ChatRole.Tool:
                return WriteToolResult(body, message, i);
            case ChatRole.Missing:
                return new($"messages[{i}].role", "Each message needs a role.");
            default:
                return new($"messages[{i}].role", "The role must be system, developer, user, assistant or tool (function messages are not supported; use tools).");
        }
    }

    private ChatRequestError? CollectSystem(ReadOnlySpan<byte> body, RawToken content, int i)
    {
        if (content.IsString)
        {
            AddSystem(content, default);
            return null;
        }

        if (content.Type != JsonTokenType.StartArray)
        {
            return new($"messages[{i}].content", "A system or developer message needs text content.");
        }

        var reader = JsonStrings.ReaderOf(body, content);
        reader.Read();
        for (var j = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; j++)
        {
            var part = ChatContentPart.Read(ref reader);
            if (part.Kind != ChatPartKind.Text || !part.Text.IsString)
            {
                return new($"messages[{i}].content[{j}]", "A system or developer message may hold only text parts.");
            }

            AddSystem(
                part.Text with { Start = part.Text.Start + content.Start },
                part.CacheControl.Length == 0 ? default : part.CacheControl with { Start = part.CacheControl.Start + content.Start });
        }

        return null;
    }

    private void AddSystem(RawToken text, RawToken cacheControl)
    {
        if (!JsonStrings.IsEmpty(text))
        {
            System.Add((text, cacheControl));
        }
    }

    /// <summary>Text (a string or parts) and, for a user, image parts; null content writes nothing.</summary>
    private ChatRequestError? WriteContent(ReadOnlySpan<byte> body, RawToken content, ChatRole role, int i)
    {
        if (content.IsString)
        {
            WriteText(role, content.Of(body));
            return null;
        }

        if (content.Type == JsonTokenType.Null || content.Length == 0)
        {
            return null;
        }

        if (content.Type != JsonTokenType.StartArray)
        {
            return new($"messages[{i}].content", "content must be a string, an array of parts or null.");
        }

        var source = content.Of(body);
        var reader = JsonStrings.ReaderOf(body, content);
        reader.Read();
        for (var j = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; j++)
        {
            var part = ChatContentPart.Read(ref reader);
            switch (part.Kind)
            {
                case ChatPartKind.Text when part.Text.IsString:
                    WriteText(role, part.Text.Of(source), part.CacheControl.Length == 0 ? default : part.CacheControl.Of(source));
                    break;
                case ChatPartKind.ImageUrl when role == ChatRole.User && part.Url.IsString:
                    OpenTurn(role);
                    if (ImageBlockWriter.Write(json, part.Url.Of(source)) is { } problem)
                    {
                        return new($"messages[{i}].content[{j}].image_url.url", problem);
                    }

                    break;
                case ChatPartKind.Refusal when role == ChatRole.Assistant:
                    break;
                default:
                    return new($"messages[{i}].content[{j}]", role == ChatRole.User
                        ? "Only text and image_url parts are supported for Anthropic models."
                        : "Only text parts are supported in assistant messages for Anthropic models.");
            }
        }

        return null;
    }

    private void WriteText(ChatRole role, ReadOnlySpan<byte> rawText, ReadOnlySpan<byte> cacheControl = default)
    {
        if (rawText.Length <= 2)
        {
            return; // ""
        }

        OpenTurn(role);
        json.WriteStartObject();
        json.WriteString("type"u8, "text"u8);
        json.WritePropertyName("text"u8);
        json.WriteRawValue(rawText, skipInputValidation: true);
        if (!cacheControl.IsEmpty)
        {
            json.WritePropertyName("cache_control"u8);
            json.WriteRawValue(cacheControl, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private ChatRequestError? WriteToolUses(ReadOnlySpan<byte> body, RawToken toolCalls, int i)
    {
        if (toolCalls.Length == 0 || toolCalls.Type == JsonTokenType.Null)
        {
            return null;
        }

        if (toolCalls.Type != JsonTokenType.StartArray)
        {
            return new($"messages[{i}].tool_calls", "tool_calls must be an array.");
        }

        var source = toolCalls.Of(body);
        var reader = JsonStrings.ReaderOf(body, toolCalls);
        reader.Read();
        for (var j = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; j++)
        {
            var call = ChatToolCall.Read(ref reader);
            var param = $"messages[{i}].tool_calls[{j}]";
            if (!call.IsFunction)
            {
                return new($"{param}.type", "Only function tool calls are supported for Anthropic models.");
            }

            if (!call.Id.IsString || !call.Name.IsString)
            {
                return new(param, "A tool call needs an id and a function name.");
            }

            OpenTurn(ChatRole.Assistant);
            LastAssistantTurnHasToolUse = true;
            json.WriteStartObject();
            json.WriteString("type"u8, "tool_use"u8);
            json.WritePropertyName("id"u8);
            json.WriteRawValue(call.Id.Of(source), skipInputValidation: true);
            json.WritePropertyName("name"u8);
            json.WriteRawValue(call.Name.Of(source), skipInputValidation: true);
            if (!call.Arguments.IsString || !ToolUseInput.TryWrite(json, call.Arguments.Of(source)))
            {
                return new($"{param}.function.arguments", "Tool call arguments must be a JSON object serialized as a string.");
            }

            json.WriteEndObject();
        }

        return null;
    }

    private ChatRequestError? WriteToolResult(ReadOnlySpan<byte> body, ChatMessage message, int i)
    {
        if (!message.ToolCallId.IsString)
        {
            return new($"messages[{i}].tool_call_id", "A tool message needs the tool_call_id it answers.");
        }

        OpenTurn(ChatRole.User);
        json.WriteStartObject();
        json.WriteString("type"u8, "tool_result"u8);
        json.WritePropertyName("tool_use_id"u8);
        json.WriteRawValue(message.ToolCallId.Of(body), skipInputValidation: true);
        var content = message.Content;
        if (content.IsString && !JsonStrings.IsEmpty(content))
        {
            json.WritePropertyName("content"u8);
            json.WriteRawValue(content.Of(body), skipInputValidation: true);
        }
        else if (content.Type == JsonTokenType.StartArray && WriteToolResultParts(body, content, i) is { } error)
        {
            return error;
        }

        json.WriteEndObject();
        return null;
    }

    /// <summary>A tool message's text parts as the <c>tool_result</c>'s content blocks.</summary>
    private ChatRequestError? WriteToolResultParts(ReadOnlySpan<byte> body, RawToken content, int i)
    {
        var source = content.Of(body);
        var reader = JsonStrings.ReaderOf(body, content);
        reader.Read();
        json.WriteStartArray("content"u8);
        for (var j = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; j++)
        {
            var part = ChatContentPart.Read(ref reader);
            if (part.Kind != ChatPartKind.Text || !part.Text.IsString)
            {
                return new($"messages[{i}].content[{j}]", "A tool message may hold only text parts.");
            }

            if (!JsonStrings.IsEmpty(part.Text))
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "text"u8);
                json.WritePropertyName("text"u8);
                json.WriteRawValue(part.Text.Of(source), skipInputValidation: true);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        return null;
    }

    /// <summary>Opens a turn for <paramref name="role"/> (user for tool results) unless one is open already.</summary>
    private void OpenTurn(ChatRole role)
    {
        if (_openTurn == role)
        {
            return;
        }

        CloseTurn();
        _openTurn = role;
        _turns++;
        if (role == ChatRole.Assistant)
        {
            LastAssistantTurnHasToolUse = false;
        }

        json.WriteStartObject();
        json.WriteString("role"u8, role == ChatRole.Assistant ? "assistant"u8 : "user"u8);
        json.WriteStartArray("content"u8);
    }

    private void CloseTurn()
    {
        if (_openTurn != ChatRole.Missing)
        {
            json.WriteEndArray();
            json.WriteEndObject();
            _openTurn = ChatRole.Missing;
        }
    }
}
