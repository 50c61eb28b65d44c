using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// The members of a Responses API response object that translation needs, everything but <c>output</c>: identity
/// (id, model, created_at), how it ended (status, incomplete_details.reason, error) and usage.
/// </summary>
internal readonly record struct ResponseHeader(
    RawToken Id,
    RawToken Model,
    long CreatedAt,
    ResponseStatus Status,
    IncompleteReason IncompleteReason,
    ResponsesError Error,
    ResponsesUsage? Usage)
{
    /// <summary>Reads the object the reader stands on, skipping every other member (output included).</summary>
    public static ResponseHeader Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var header = default(ResponseHeader);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                header = header with { Id = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                header = header with { Model = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("created_at"u8))
            {
                reader.Read();
                header = header with { CreatedAt = ReadSeconds(ref reader) };
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                header = header with { Status = ReadStatus(ref reader) };
            }
            else if (reader.ValueTextEquals("incomplete_details"u8))
            {
                reader.Read();
                header = header with { IncompleteReason = ReadIncompleteReason(ref reader) };
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                header = header with { Error = ResponsesError.Read(ref reader) };
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                header = header with { Usage = ResponsesUsage.Read(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return header;
    }

    private static long ReadSeconds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return 0;
        }

        return reader.TryGetInt64(out var seconds) ? seconds : reader.TryGetDouble(out var fractional) ? (long)fractional : 0;
    }

    private static ResponseStatus ReadStatus(ref Utf8JsonReader reader)
    {
        var status = reader.TokenType != JsonTokenType.String ? ResponseStatus.Other
            : reader.ValueTextEquals("completed"u8) ? ResponseStatus.Completed
            : reader.ValueTextEquals("incomplete"u8) ? ResponseStatus.Incomplete
            : reader.ValueTextEquals("failed"u8) ? ResponseStatus.Failed
            : ResponseStatus.Other;
        reader.Skip();
        return status;
    }

    private static IncompleteReason ReadIncompleteReason(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return IncompleteReason.None;
        }

        var reason = IncompleteReason.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isReason = reader.ValueTextEquals("reason"u8);
            reader.Read();
            if (isReason && reader.TokenType == JsonTokenType.String)
            {
                reason = reader.ValueTextEquals("max_output_tokens"u8) ? IncompleteReason.MaxOutputTokens
                    : reader.ValueTextEquals("content_filter"u8) ? IncompleteReason.ContentFilter
                    : IncompleteReason.Other;
            }

            reader.Skip();
        }

        return reason;
    }
}
