using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// What one Responses stream event says, as positions in its <c>data</c>: read in one pass with
/// <see cref="Utf8JsonReader"/>, nothing copied, so member order does not matter.
/// </summary>
internal readonly record struct ResponsesEvent(
    ResponsesEventKind Kind,
    RawToken Delta,
    int OutputIndex,
    RawToken ItemId,
    ResponsesItem Item,
    ResponseHeader Response,
    ResponsesError Error)
{
    /// <summary>Reads one event's data; false when it is not a JSON object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventName, out ResponsesEvent parsed)
    {
        parsed = default;
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var e = new ResponsesEvent { OutputIndex = -1 };
            var kind = ResponsesEventKind.Other;
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
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    e = e with { Delta = RawToken.ReadString(ref reader) };
                }
                else if (reader.ValueTextEquals("output_index"u8))
                {
                    reader.Read();
                    e = e with { OutputIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index >= 0 ? index : -1 };
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("item_id"u8))
                {
                    reader.Read();
                    e = e with { ItemId = RawToken.ReadString(ref reader) };
                }
                else if (reader.ValueTextEquals("item"u8))
                {
                    reader.Read();
                    e = e with { Item = ResponsesItem.Read(ref reader) };
                }
                else if (reader.ValueTextEquals("response"u8))
                {
                    reader.Read();
                    e = e with { Response = ResponseHeader.Read(ref reader) };
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    // The error event's newer shape nests its members under "error".
                    reader.Read();
                    var nested = ResponsesError.Read(ref reader);
                    e = nested.IsPresent ? e with { Error = nested } : e;
                }
                else if (e.Error.ReadMember(ref reader, withType: false) is { } error)
                {
                    e = e with { Error = error };
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

    private static ResponsesEventKind Classify(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("response.output_text.delta"u8) => ResponsesEventKind.OutputTextDelta,
        _ when type.SequenceEqual("response.function_call_arguments.delta"u8) => ResponsesEventKind.ToolCallDelta,
        _ when type.SequenceEqual("response.custom_tool_call_input.delta"u8) => ResponsesEventKind.ToolCallDelta,
        _ when type.SequenceEqual("response.refusal.delta"u8) => ResponsesEventKind.RefusalDelta,
        _ when type.SequenceEqual("response.output_item.added"u8) => ResponsesEventKind.OutputItemAdded,
        _ when type.SequenceEqual("response.created"u8) => ResponsesEventKind.Created,
        _ when type.SequenceEqual("response.in_progress"u8) => ResponsesEventKind.InProgress,
        _ when type.SequenceEqual("response.completed"u8) => ResponsesEventKind.Completed,
        _ when type.SequenceEqual("response.incomplete"u8) => ResponsesEventKind.Incomplete,
        _ when type.SequenceEqual("response.failed"u8) => ResponsesEventKind.Failed,
        _ when type.SequenceEqual("error"u8) => ResponsesEventKind.Error,
        _ => ResponsesEventKind.Other,
    };
}
