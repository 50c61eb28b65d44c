using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Translates a complete (non-streamed) Anthropic Messages response (https://docs.anthropic.com/en/api/messages) into
/// a Chat Completions <c>chat.completion</c> (https://platform.openai.com/docs/api-reference/chat/object):
/// <list type="bullet">
/// <item><c>id</c> and <c>model</c> are copied; <c>created</c> is the caller's (Anthropic sends no time).</item>
/// <item><c>choices[0].message.content</c> is the <c>text</c> blocks joined, or null when the answer is only tool
/// calls; each <c>tool_use</c> block is a <c>tool_calls</c> entry (id, type function, name, and the <c>input</c>
/// object's JSON text as the <c>arguments</c> string). Thinking and server tool blocks are dropped.</item>
/// <item><c>finish_reason</c> from <c>stop_reason</c> (<see cref="MessagesStopReasons.ToChatFinishReason"/>).</item>
/// <item><c>usage</c>: <c>prompt_tokens</c> = input + cache reads + cache writes, <c>completion_tokens</c> = output,
/// <c>prompt_tokens_details.cached_tokens</c> = cache reads, and <c>cache_creation_input_tokens</c> beside it.</item>
/// </list>
/// An error body becomes the OpenAI error object (<see cref="MessagesErrorToChat"/>). Text is copied as the escaped
/// JSON the upstream sent; nothing is kept or logged. Meter the upstream bytes, not these.
/// </summary>
public static class MessagesToChatJson
{
    public static MessagesTranslationOutcome Translate(ReadOnlySpan<byte> messagesJson, long created, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = new List<RawToken>();
        var toolCalls = new List<MessagesContentBlock>();
        RawToken id = default, model = default;
        var isError = false;
        var stopReason = MessagesStopReason.None;
        MessagesUsage? usage = null;
        try
        {
            var reader = new Utf8JsonReader(messagesJson, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return MessagesTranslationOutcome.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isError = JsonStrings.IsString(ref reader, "error"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = RawToken.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    model = RawToken.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    ReadContent(ref reader, text, toolCalls);
                }
                else if (reader.ValueTextEquals("stop_reason"u8))
                {
                    reader.Read();
                    stopReason = MessagesStopReasons.Read(ref reader);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    usage = MessagesUsage.Read(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return MessagesTranslationOutcome.Malformed;
            }
        }
        catch (JsonException)
        {
            return MessagesTranslationOutcome.Malformed;
        }

        if (isError)
        {
            MessagesErrorToChat.Translate(messagesJson, 0, output);
            return MessagesTranslationOutcome.Failed;
        }

        if (!id.IsString)
        {
            return MessagesTranslationOutcome.Malformed;
        }

        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        json.WriteRawValue(id.Of(messagesJson), skipInputValidation: true);
        json.WriteString("object"u8, "chat.completion"u8);
        json.WriteNumber("created"u8, created);
        json.WritePropertyName("model"u8);
        json.WriteRawValue(model.IsString ? model.Of(messagesJson) : "\"\""u8, skipInputValidation: true);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("message"u8);
        json.WriteString("role"u8, "assistant"u8);
        json.WritePropertyName("content"u8);
        if (text.Count == 0 && toolCalls.Count > 0)
        {
            json.WriteNullValue(); // As Chat Completions answers a pure tool call.
        }
        else if (text.Count == 0)
        {
            json.WriteStringValue(""u8);
        }
        else
        {
            EscapedText.WriteJoined(json, messagesJson, text);
        }

        json.WriteNull("refusal"u8);
        if (toolCalls.Count > 0)
        {
            WriteToolCalls(json, messagesJson, toolCalls);
        }

        json.WriteEndObject();
        json.WriteString("finish_reason"u8, stopReason.ToChatFinishReason(toolCalls.Count > 0));
        json.WriteEndObject();
        json.WriteEndArray();
        if (usage is { } counted)
        {
            counted.WriteChatUsage(json);
        }

        json.WriteEndObject();
        return MessagesTranslationOutcome.Translated;
    }

    private static void ReadContent(ref Utf8JsonReader reader, List<RawToken> text, List<MessagesContentBlock> toolCalls)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var block = MessagesContentBlock.Read(ref reader);
            if (block.Kind == MessagesBlockKind.Text && block.Text.IsString)
            {
                text.Add(block.Text);
            }
            else if (block.Kind == MessagesBlockKind.ToolUse)
            {
                toolCalls.Add(block);
            }
        }
    }

    private static void WriteToolCalls(Utf8JsonWriter json, ReadOnlySpan<byte> source, List<MessagesContentBlock> toolCalls)
    {
        json.WriteStartArray("tool_calls"u8);
        foreach (var call in toolCalls)
        {
            json.WriteStartObject();
            json.WritePropertyName("id"u8);
            json.WriteRawValue(call.Id.IsString ? call.Id.Of(source) : "\"\""u8, skipInputValidation: true);
            json.WriteString("type"u8, "function"u8);
            json.WriteStartObject("function"u8);
            json.WritePropertyName("name"u8);
            json.WriteRawValue(call.Name.IsString ? call.Name.Of(source) : "\"\""u8, skipInputValidation: true);

            // The input object's own JSON text, as a string: Chat Completions carries arguments as serialized JSON.
            json.WriteString("arguments"u8, call.Input.Length > 0 ? call.Input.Of(source) : "{}"u8);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
