using System.Globalization;
using System.Text;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Reads the <c>202</c> multipart response of a <c>$batch</c>. On success the changeset holds one response per
/// operation, in order; on failure it holds only the failing one, whose error message starts with the
/// operation's zero-based index (<c>"2:The specified entity already exists."</c>), and whose <c>Content-ID</c>
/// echoes the request's one-based id (Azurite numbers them one-based too).
/// </summary>
internal static class TableBatchResponse
{
    /// <exception cref="TableRequestFailedException">The failing operation's status is not 404, 409 or 412, or the response is not a batch answer.</exception>
    public static TableTransactionResult Interpret(string? contentType, string body, int operationCount, string tableName)
    {
        var responses = ReadOperationResponses(contentType, body);
        var failed = responses.FindIndex(r => r.Status is < 200 or >= 300);
        if (failed < 0)
        {
            return responses.Count == operationCount
                ? new TableTransactionResult(true, responses.ConvertAll(r => r.ETag), null, TableOutcome.Success, null, null)
                : throw new TableRequestFailedException(tableName, "Transaction", 202, "UnexpectedBatchResponse");
        }

        var response = responses[failed];
        var index = FailedIndex(response, operationCount);
        var outcome = TableStatus.Classify(response.Status, response.Error.Code);
        return outcome is null or TableOutcome.Success
            ? throw new TableRequestFailedException(tableName, index is null ? "Transaction" : $"Transaction operation {index}", response.Status, response.Error.Code)
            : new TableTransactionResult(false, [], index, outcome.Value, response.Error.Code, response.Status);
    }

    /// <summary>Every operation response, from the changeset or, for a batch-level error, the top-level part.</summary>
    /// <exception cref="FormatException">The content type has no multipart boundary.</exception>
    public static List<TableBatchOperationResponse> ReadOperationResponses(string? contentType, string body)
    {
        var boundary = TableMultipart.Boundary(contentType) ?? throw new FormatException("The $batch response is not multipart/mixed.");
        var responses = new List<TableBatchOperationResponse>();
        foreach (var part in TableMultipart.SplitParts(body, boundary))
        {
            var (headers, rest) = TableMultipart.ReadHeaders(part);
            var changeset = TableMultipart.Boundary(headers.GetValueOrDefault("Content-Type"));
            if (changeset is null)
            {
                responses.Add(ReadHttpPart(headers, rest));
                continue;
            }

            foreach (var inner in TableMultipart.SplitParts(rest, changeset))
            {
                var (innerHeaders, innerRest) = TableMultipart.ReadHeaders(inner);
                responses.Add(ReadHttpPart(innerHeaders, innerRest));
            }
        }

        return responses;
    }

    private static TableBatchOperationResponse ReadHttpPart(Dictionary<string, string> partHeaders, ArraySegment<string> lines)
    {
        // "HTTP/1.1 409 Conflict"
        var statusLine = lines.Count > 0 ? lines[0].Split(' ', 3) : [];
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException("A $batch response part does not start with an HTTP status line.");
        }

        var (headers, body) = TableMultipart.ReadHeaders(lines[1..]);
        var error = status is >= 200 and < 300
            ? default
            : TableServiceError.Read(headers.GetValueOrDefault("x-ms-error-code"), Encoding.UTF8.GetBytes(string.Join('\n', body.AsSpan())));
        return new TableBatchOperationResponse(
            status,
            headers.GetValueOrDefault("Content-ID") ?? partHeaders.GetValueOrDefault("Content-ID"),
            headers.GetValueOrDefault("ETag"),
            error);
    }

    private static int? FailedIndex(TableBatchOperationResponse response, int operationCount)
    {
        var message = response.Error.Message;
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var fromMessage) && fromMessage < operationCount)
        {
            return fromMessage;
        }

        if (int.TryParse(response.ContentId, NumberStyles.None, CultureInfo.InvariantCulture, out var contentId) && contentId >= 1 && contentId <= operationCount)
        {
            return contentId - 1;
        }

        return operationCount == 1 ? 0 : null;
    }
}
