using Azure;
using Azure.Core;

namespace KeyMeter.Adapters.Tables;

/// <summary>What the client reads off a response: outcome, error code, ETag, continuation, and the exception for the rest.</summary>
internal static class TableResponses
{
    public static TableOutcome? Classify(Response response) =>
        response.Status is >= 200 and < 300 ? TableOutcome.Success : TableStatus.Classify(response.Status, Error(response).Code);

    public static TableServiceError Error(Response response) =>
        TableServiceError.Read(response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null, response.Content.ToMemory().Span);

    public static string? ETag(Response response) =>
        response.Headers.TryGetValue(HttpHeader.Names.ETag, out var etag) ? etag : null;

    /// <summary>The <c>x-ms-continuation-NextPartitionKey</c> / <c>NextRowKey</c> headers; null on the last page.</summary>
    public static TableContinuation? Continuation(Response response) =>
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && !string.IsNullOrEmpty(nextPartition)
            ? new TableContinuation(nextPartition, response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) ? nextRow : null)
            : null;

    public static TableRequestFailedException Failure(Response response, string tableName, string operation) =>
        new(tableName, operation, response.Status, Error(response).Code, response.Headers.RequestId);

    /// <summary>The new ETag of a write, or its outcome when it is one of <paramref name="expected"/>; otherwise throws.</summary>
    public static TableResult<string> WriteResult(Response response, string tableName, string operation, params TableOutcome[] expected)
    {
        var outcome = Classify(response);
        if (outcome == TableOutcome.Success)
        {
            var etag = ETag(response);
            return new TableResult<string>(TableOutcome.Success, etag, etag);
        }

        return outcome is { } failure && Array.IndexOf(expected, failure) >= 0
            ? TableResult<string>.Failed(failure)
            : throw Failure(response, tableName, operation);
    }
}
