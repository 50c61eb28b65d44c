using System.Text.Json;

namespace KeyMeter.Core.Proxy;

/// <summary>
/// Reads the top-level members of a JSON request body with <see cref="Utf8JsonReader"/>, skipping everything else
/// (messages, tools) without materialising it.
/// </summary>
public static class RequestInspector
{
    private const int MaxModelLength = 256;

    /// <summary>The summary, or null with a reason when the body is not a JSON object or a member has the wrong type.</summary>
    public static RequestSummary? Inspect(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The request body must be a JSON object.";
                return null;
            }

            var openingBrace = (int)reader.TokenStartIndex;
            string? model = null;
            bool stream = false, hasStreamOptions = false, includeUsage = false, hasMessages = false, hasInput = false;
            long? maxOutput = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("model"u8))
                {
                    if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxModelLength)
                    {
                        error = "'model' must be a string.";
                        return null;
                    }

                    model = reader.GetString();
                }
                else if (name.SequenceEqual("stream"u8))
                {
                    stream = reader.TokenType == JsonTokenType.True;
                }
                else if (name.SequenceEqual("stream_options"u8))
                {
                    hasStreamOptions = true;
                    includeUsage = ReadIncludeUsage(ref reader);
                }
                else if (name.SequenceEqual("max_tokens"u8) || name.SequenceEqual("max_completion_tokens"u8) || name.SequenceEqual("max_output_tokens"u8))
                {
                    maxOutput = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : maxOutput;
                }
                else
                {
                    hasMessages |= name.SequenceEqual("messages"u8);
                    hasInput |= name.SequenceEqual("input"u8);
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "The request body is not valid JSON.";
                return null;
            }

            return new RequestSummary(model, stream, hasStreamOptions, includeUsage, maxOutput, hasMessages, hasInput, openingBrace);
        }
        catch (JsonException)
        {
            // The reader's message quotes the offending bytes, which may be prompt text: say only where.
            error = $"The request body is not valid JSON (at byte {reader.BytesConsumed}).";
            return null;
        }
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var include = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueSpan.SequenceEqual("include_usage"u8);
            reader.Read();
            include |= isIncludeUsage && reader.TokenType == JsonTokenType.True;
            reader.Skip();
        }

        return include;
    }
}
