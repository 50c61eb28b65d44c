using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// What one Anthropic stream event says, as positions in its <c>data</c>: read in one pass with
/// <see cref="Utf8JsonReader"/>, nothing copied, so member order does not matter. <see cref="Delta"/> is the
/// <c>text</c> of a <c>text_delta</c> or the <c>partial_json</c> of an <c>input_json_delta</c>;
/// <see cref="Usage"/> is <c>message.usage</c> of <c>message_start</c> or the top-level <c>usage</c> of
/// <c>message_delta</c>.
/// </summary>
internal readonly record struct MessagesStreamEvent(
    MessagesEventKind Kind,
    int Index,
    MessagesContentBlock Block,
    MessagesDeltaKind DeltaKind,
    RawToken Delta,
    MessagesStopReason StopReason,
    RawToken Id,
    RawToken Model,
    MessagesUsage? Usage,
    MessagesError Error)
{
    /// <summary>Reads one event's data; false when it is not a JSON object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventName, out MessagesStreamEvent parsed)
    {
        parsed = default;
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var e = new MessagesStreamEvent { Index = -1 };
            var kind = MessagesEventKind.Other;
            var hasType = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    hasType = reader.TokenType == JsonTokenType.String;
                    kind = hasType && !reader.ValueIsEscaped ? Classify(reader.ValueSpan) : kind;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    e = e with { Index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index >= 0 ? index : -1 };
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("content_block"u8))
                {
                    reader.Read();
                    e = e with { Block = MessagesContentBlock.Read(ref reader) };
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    e = ReadDelta(ref reader, e);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    e = ReadMessage(ref reader, e);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    e = e with { Usage = MessagesUsage.Read(ref reader) };
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    e = e with { Error = MessagesError.Read(ref reader) };
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            // The payload's type is authoritative; the event: line serves when a relay dropped it from the payload.
            parsed = e with { Kind = hasType ? kind : Classify(eventName) };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A <c>content_block_delta</c>'s delta (<c>type</c>, <c>text</c> or <c>partial_json</c>) or a
    /// <c>message_delta</c>'s (<c>stop_reason</c>).
    /// </summary>
    private static MessagesStreamEvent ReadDelta(ref Utf8JsonReader reader, MessagesStreamEvent e)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return e;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                e = e with
                {
                    DeltaKind = reader.TokenType != JsonTokenType.String ? MessagesDeltaKind.Other
                        : reader.ValueTextEquals("text_delta"u8) ? MessagesDeltaKind.Text
                        : reader.ValueTextEquals("input_json_delta"u8) ? MessagesDeltaKind.InputJson
                        : MessagesDeltaKind.Other,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8))
            {
                reader.Read();
                e = e with { Delta = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                e = e with { StopReason = MessagesStopReasons.Read(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return e;
    }

    /// <summary><c>message_start</c>'s message: id, model and the usage so far.</summary>
    private static MessagesStreamEvent ReadMessage(ref Utf8JsonReader reader, MessagesStreamEvent e)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return e;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                e = e with { Id = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                e = e with { Model = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                e = e with { Usage = MessagesUsage.Read(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return e;
    }

    private static MessagesEventKind Classify(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("content_block_delta"u8) => MessagesEventKind.ContentBlockDelta,
        _ when type.SequenceEqual("content_block_start"u8) => MessagesEventKind.ContentBlockStart,
        _ when type.SequenceEqual("message_start"u8) => MessagesEventKind.MessageStart,
        _ when type.SequenceEqual("message_delta"u8) => MessagesEventKind.MessageDelta,
        _ when type.SequenceEqual("message_stop"u8) => MessagesEventKind.MessageStop,
        _ when type.SequenceEqual("error"u8) => MessagesEventKind.Error,
        _ => MessagesEventKind.Other,
    };
}
