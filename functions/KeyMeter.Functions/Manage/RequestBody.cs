using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyMeter.Functions.Manage;

/// <summary>
/// Reads a small management request body with a size cap, turning every way it can be wrong into a ProblemDetails
/// result: not sent as JSON (415: a web form or a <c>text/plain</c> fetch never is), missing, too large (413), not
/// UTF-8, not JSON, a member given twice, a string that is no text, or not the expected shape (400).
/// </summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Management bodies are a few hundred bytes; anything near this is not a key definition.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadBytesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (default, problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            return value is null ? (default, BadRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (default, BadRequest(Describe(exception)));
        }
    }

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadBytesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Strict);
        }
        catch (JsonException exception)
        {
            return (null, BadRequest(Describe(exception)));
        }
        catch (InvalidOperationException)
        {
            // Comparing member names for duplicates unescapes them; an escaped lone surrogate cannot be.
            return (null, BadRequest("The body has a member name that is not valid text."));
        }

        if (HasUnreadableText(document.RootElement))
        {
            document.Dispose();
            return (null, BadRequest("The body has a string that is not valid text (an escaped lone surrogate)."));
        }

        return (document, null);
    }

    /// <summary>
    /// Whether a string in <paramref name="element"/> cannot become a .NET string. System.Text.Json checks a string only
    /// when it is read, so the code reading the document would otherwise fail with an exception instead of a 400.
    /// </summary>
    private static bool HasUnreadableText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return false;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }

            case JsonValueKind.Object:
                return element.EnumerateObject().Any(member => HasUnreadableText(member.Value));
            case JsonValueKind.Array:
                return element.EnumerateArray().Any(HasUnreadableText);
            default:
                return false;
        }
    }

    private static async Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            return ([], NotJson());
        }

        if (request.ContentLength > MaxBytes)
        {
            return ([], TooLarge());
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                return ([], TooLarge());
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return ([], BadRequest("A JSON body is required."));
        }

        if (!Utf8.IsValid(buffer.WrittenSpan))
        {
            return ([], BadRequest("The body is not valid UTF-8."));
        }

        return request.ContentType is null ? ([], NotJson()) : (buffer.WrittenSpan.ToArray(), null);
    }

    private static ProblemHttpResult NotJson() =>
        TypedResults.Problem(
            detail: "Send the body as JSON: Content-Type: application/json.",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type");

    /// <summary>System.Text.Json's messages name the path and position, never the offending value.</summary>
    private static string Describe(JsonException exception) =>
        exception.Path is { Length: > 0 } path ? $"The body is not valid here: {path}. {FirstSentence(exception.Message)}" : $"The body is not valid JSON. {FirstSentence(exception.Message)}";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request body");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(detail: $"The body must be at most {MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
