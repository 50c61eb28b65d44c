using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// Reads the body of a payload-mode invocation into an <see cref="InvocationRequest"/>, turning every way it can be
/// wrong into an error for a 400: not UTF-8, not JSON, duplicate members, not an object, <c>Data</c> or
/// <c>Metadata</c> that is not an object. The host writes its payloads from .NET strings, so they are always valid
/// UTF-8 without duplicates; anything else was not sent by the host.
/// </summary>
internal static class InvocationReader
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <param name="body">The request body.</param>
    /// <param name="length">Its Content-Length when known: the buffer then has its size from the start instead of
    /// doubling its way there (which would hold up to twice the payload for a moment).</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    public static async Task<DecodeResult<InvocationRequest>> ReadAsync(Stream body, long? length, CancellationToken cancellationToken)
    {
        // 1. The bytes. The route's body limit bounds them; Kestrel stops a body that grows past it. One byte more than
        //    announced, so the read that finds the end needs no room of its own.
        var known = length is > 0;
        var buffer = new ArrayBufferWriter<byte>(known ? (int)Math.Min(length!.Value + 1, PayloadLimits.Batch + 1) : 16 * 1024);
        int read;
        while ((read = await body.ReadAsync(buffer.GetMemory(known ? 1 : 16 * 1024), cancellationToken)) > 0)
        {
            buffer.Advance(read);
        }

        // 2. UTF-8: a string with invalid bytes would fail only later, when a function reads it.
        if (!Utf8.IsValid(buffer.WrittenSpan))
        {
            return DecodeResult<InvocationRequest>.Failure("The body is not valid UTF-8.");
        }

        // 3. The shape: an object whose Data and Metadata, when present, are objects.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, Strict);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Comparing member names for duplicates unescapes them, and an escaped lone surrogate cannot be unescaped.
            return DecodeResult<InvocationRequest>.Failure($"The body is not an invocation payload {{Data, Metadata}}: {exception.Message}");
        }

        using (document)
        {
            if (ShapeError(document.RootElement) is { } shapeError)
            {
                return DecodeResult<InvocationRequest>.Failure(shapeError);
            }

            // 4. The contract. Data and Metadata are looked up case-insensitively, so "a" and "A" are one member twice.
            try
            {
                return DecodeResult<InvocationRequest>.Success(document.RootElement.Deserialize(HostJsonContext.Default.InvocationRequest)!);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                return DecodeResult<InvocationRequest>.Failure($"The body is not an invocation payload {{Data, Metadata}}: {exception.Message}");
            }
        }
    }

    private static string? ShapeError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"The body is JSON {root.ValueKind}, not an invocation payload {{Data, Metadata}}.";
        }

        foreach (var member in root.EnumerateObject())
        {
            // Every name could be read when the document was checked for duplicates.
            if ((IsNamed(member.Name, "Data") || IsNamed(member.Name, "Metadata")) && member.Value.ValueKind != JsonValueKind.Object)
            {
                return $"'{member.Name}' must be a JSON object, not {member.Value.ValueKind}.";
            }
        }

        return null;
    }

    private static bool IsNamed(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
