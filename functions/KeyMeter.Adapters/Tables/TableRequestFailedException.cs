using System.Globalization;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// A Table Storage answer no caller is expected to handle: 400, 403, a missing table, or 5xx after retries.
/// The message names the table, the operation, the status and the service's error code; never keys, key
/// values or entity data.
/// </summary>
internal sealed class TableRequestFailedException : Exception
{
    public TableRequestFailedException(string tableName, string operation, int status, string? errorCode, string? requestId = null)
        : base(FormatMessage(tableName, operation, status, errorCode, requestId))
    {
        TableName = tableName;
        Operation = operation;
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The table the request addressed.</summary>
    public string TableName { get; }

    /// <summary>The operation, such as <c>Insert</c> or <c>Query</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The service's error code (<c>x-ms-error-code</c> or <c>odata.error.code</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's <c>x-ms-request-id</c>, for support requests.</summary>
    public string? RequestId { get; }

    private static string FormatMessage(string tableName, string operation, int status, string? errorCode, string? requestId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Table Storage {operation} on table '{tableName}' failed with status {status} ({errorCode ?? "no error code"}){(requestId is null ? "" : $", request id {requestId}")}.");
}
