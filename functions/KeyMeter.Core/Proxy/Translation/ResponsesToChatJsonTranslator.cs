using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Translates a complete (non-streaming) Responses API response object into a Chat Completions
/// <c>chat.completion</c> for Cursor's Responses-shaped requests (<see cref="CursorResponsesQuirk"/>). The body is
/// held whole, which the proxy allows because it caps non-streaming bodies; text is copied as escaped JSON.
/// </summary>
public static class ResponsesToChatJsonTranslator
{
    /// <summary>
    /// Writes the <c>chat.completion</c> (or, for a failed response, the OpenAI error object). Steps:
    /// 1. read id, model, created_at, status, incomplete reason, error and usage;
    /// 2. collect the <c>output_text</c> and <c>refusal</c> parts of message items and the tool-call items, as
    ///    positions in the body;
    /// 3. write one choice whose message content is the text parts joined, with tool calls and finish_reason.
    /// </summary>
    public static ResponsesTranslationOutcome Translate(ReadOnlySpan<byte> responsesJson, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = new List<RawToken>();
        var refusal = new List<RawToken>();
        var toolCalls = new List<ResponsesItem>();
        ResponseHeader header;
        try
        {
            // 1.
            var reader = new Utf8JsonReader(responsesJson, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ResponsesTranslationOutcome.Malformed;
            }

            header = ResponseHeader.Read(ref reader);
            if (reader.Read())
            {
                return ResponsesTranslationOutcome.Malformed;
            }

            // 2.
            reader = new Utf8JsonReader(responsesJson, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isOutput = reader.ValueTextEquals("output"u8);
                reader.Read();
                if (isOutput && reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadOutput(ref reader, text, refusal, toolCalls);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return ResponsesTranslationOutcome.Malformed;
        }

        using var json = new Utf8JsonWriter(output);
        if (header.Status == ResponseStatus.Failed || (header.Error.IsPresent && !header.Id.IsString))
        {
            json.WriteStartObject();
            header.Error.WriteOpenAIError(json, responsesJson, "The upstream response failed."u8);
            json.WriteEndObject();
            return ResponsesTranslationOutcome.Failed;
        }

        if (!header.Id.IsString)
        {
            return ResponsesTranslationOutcome.Malformed;
        }

        // 3.
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        json.WriteRawValue(header.Id.Of(responsesJson), skipInputValidation: true);
        json.WriteString("object"u8, "chat.completion"u8);
        json.WriteNumber("created"u8, header.CreatedAt);
        json.WritePropertyName("model"u8);
        json.WriteRawValue(header.Model.IsString ? header.Model.Of(responsesJson) : "\"\""u8, skipInputValidation: true);
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
        else
        {
            EscapedText.WriteJoined(json, responsesJson, text);
        }

        json.WritePropertyName("refusal"u8);
        if (refusal.Count == 0)
        {
            json.WriteNullValue();
        }
        else
        {
            EscapedText.WriteJoined(json, responsesJson, refusal);
        }

        if (toolCalls.Count > 0)
        {
            WriteToolCalls(json, responsesJson, toolCalls);
        }

        json.WriteEndObject();
        json.WriteString("finish_reason"u8, ChatFinishReason.Of(header.Status, header.IncompleteReason, toolCalls.Count > 0));
        json.WriteEndObject();
        json.WriteEndArray();
        if (header.Usage is { } usage)
        {
            usage.WriteChatUsage(json);
        }

        json.WriteEndObject();
        return ResponsesTranslationOutcome.Translated;
    }

    private static void ReadOutput(ref Utf8JsonReader reader, List<RawToken> text, List<RawToken> refusal, List<ResponsesItem> toolCalls)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var item = default(ResponsesItem);
            var firstText = text.Count;
            var firstRefusal = refusal.Count;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (item.TryReadMember(ref reader, out item))
                {
                    continue;
                }

                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (isContent && reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadContent(ref reader, text, refusal);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (item.IsToolCall)
            {
                toolCalls.Add(item);
            }
            else if (item.Kind != ResponsesItemKind.Message)
            {
                // Only an assistant message's parts are its content (a reasoning item has none it shows).
                text.RemoveRange(firstText, text.Count - firstText);
                refusal.RemoveRange(firstRefusal, refusal.Count - firstRefusal);
            }
        }
    }

    private static void ReadContent(ref Utf8JsonReader reader, List<RawToken> text, List<RawToken> refusal)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            RawToken partText = default, partRefusal = default;
            bool isText = false, isRefusal = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isText = reader.ValueTextEquals("output_text"u8);
                    isRefusal = reader.ValueTextEquals("refusal"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    partText = RawToken.ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("refusal"u8))
                {
                    reader.Read();
                    partRefusal = RawToken.ReadString(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (isText && partText.IsString)
            {
                text.Add(partText);
            }
            else if (isRefusal && partRefusal.IsString)
            {
                refusal.Add(partRefusal);
            }
        }
    }

    private static void WriteToolCalls(Utf8JsonWriter json, ReadOnlySpan<byte> source, List<ResponsesItem> toolCalls)
    {
        json.WriteStartArray("tool_calls"u8);
        foreach (var call in toolCalls)
        {
            json.WriteStartObject();
            json.WritePropertyName("id"u8);
            json.WriteRawValue(call.CallId.IsString ? call.CallId.Of(source) : call.Id.IsString ? call.Id.Of(source) : "\"\""u8, skipInputValidation: true);
            json.WriteString("type"u8, "function"u8);
            json.WriteStartObject("function"u8);
            json.WritePropertyName("name"u8);
            json.WriteRawValue(call.Name.IsString ? call.Name.Of(source) : "\"\""u8, skipInputValidation: true);
            json.WritePropertyName("arguments"u8);
            json.WriteRawValue(call.Arguments.IsString ? call.Arguments.Of(source) : "\"\""u8, skipInputValidation: true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
