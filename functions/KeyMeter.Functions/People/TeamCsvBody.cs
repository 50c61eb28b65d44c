using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace KeyMeter.Functions.People;

/// <summary>
/// Reads the body of <c>POST /manage/teams/import</c>: <c>text/csv</c> in UTF-8 (415 otherwise), at most
/// <see cref="MaxBytes"/> (413), valid UTF-8 (400). The cap is checked as the body arrives, so a client that sends
/// no Content-Length cannot make the handler hold more.
/// </summary>
internal static class TeamCsvBody
{
    /// <summary>10,000 rows of long emails and team names fit; a staff list does not come near it.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // 1. The type: CSV, and UTF-8 when a charset is named (an unnamed charset is read as UTF-8, which is what spreadsheets export).
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the mapping as '{MediaType}': one email,team pair per line."));
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the mapping in UTF-8 (charset=utf-8)."));
        }

        // 2. The size, from the header when there is one and as the bytes arrive in any case.
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                return (null, TooLarge());
            }
        }

        // 3. The text: strict UTF-8, so a file saved in another encoding is refused instead of misread.
        try
        {
            return (StrictUtf8.GetString(buffer.WrittenSpan), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid request body", "The body is not valid UTF-8; save the file as 'CSV UTF-8'."));
        }
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The file must be at most {MaxBytes} bytes; import it in parts.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
