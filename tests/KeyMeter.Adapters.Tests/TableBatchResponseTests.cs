using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableBatchResponseTests
{
    private const string ContentType = "multipart/mixed; boundary=batchresponse_1b7863a1-d858-44e2-b3cf-5f5bc47938a2";

    // Captured from Azurite 3.37.0: an insert, an insert-or-replace and an insert-or-merge that succeeded, and a delete.
    private static readonly string Success = Crlf(
        "--batchresponse_1b7863a1-d858-44e2-b3cf-5f5bc47938a2",
        "Content-Type: multipart/mixed; boundary=changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657",
        "",
        "--changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 204 No Content",
        "X-Content-Type-Options: nosniff",
        "Cache-Control: no-cache",
        "DataServiceVersion: 3.0;",
        "Location: http://127.0.0.1:10102/devstoreaccount1/probe1(PartitionKey='q',RowKey='r1')",
        "DataServiceId: http://127.0.0.1:10102/devstoreaccount1/probe1(PartitionKey='q',RowKey='r1')",
        "ETag: W/\"datetime'2026-11-22T01%3A48%3A06.1838146Z'\"",
        "",
        "",
        "--changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 204 No Content",
        "DataServiceVersion: 3.0;",
        "ETag: W/\"datetime'2026-11-22T01%3A48%3A06.1838151Z'\"",
        "",
        "",
        "--changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 204 No Content",
        "DataServiceVersion: 3.0;",
        "etag: W/\"datetime'2026-11-22T01%3A48%3A06.1838158Z'\"",
        "",
        "",
        "--changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 204 No Content",
        "DataServiceVersion: 1.0;",
        "",
        "",
        "--changesetresponse_18b114cb-f81b-434b-bad4-b3b782873657--",
        "--batchresponse_1b7863a1-d858-44e2-b3cf-5f5bc47938a2--",
        "");

    // Captured from Azurite 3.37.0: the third insert of a changeset hit an existing row.
    private static readonly string Conflict = Crlf(
        "--batchresponse_1b7863a1-d858-44e2-b3cf-5f5bc47938a2",
        "Content-Type: multipart/mixed; boundary=changesetresponse_5fb23a63-cfc5-4a44-a017-18b2873b1ff3",
        "",
        "--changesetresponse_5fb23a63-cfc5-4a44-a017-18b2873b1ff3",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 409 Conflict",
        "Content-ID: 3",
        "DataServiceVersion: 3.0;",
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
        "",
        "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\\nRequestId:e6481314-c317-4a07-b581-dcaaed36edf6\\nTime:2026-11-22T01:48:00.691Z\"}}}",
        "--changesetresponse_5fb23a63-cfc5-4a44-a017-18b2873b1ff3--",
        "--batchresponse_1b7863a1-d858-44e2-b3cf-5f5bc47938a2--",
        "");

    [Fact]
    public void Interpret_AllSucceeded_ReturnsETagsInOrderAndNullForDelete()
    {
        var result = TableBatchResponse.Interpret(ContentType, Success, operationCount: 4, "orders");

        Assert.True(result.Succeeded);
        Assert.Equal(
            ["W/\"datetime'2026-11-22T01%3A48%3A06.1838146Z'\"", "W/\"datetime'2026-11-22T01%3A48%3A06.1838151Z'\"", "W/\"datetime'2026-11-22T01%3A48%3A06.1838158Z'\"", null],
            result.ETags);
        Assert.Null(result.FailedIndex);
        Assert.Equal(TableOutcome.Success, result.FailedOutcome);
        Assert.Null(result.ErrorCode);
        Assert.Null(result.FailedStatus);
    }

    [Fact]
    public void Interpret_LfLineEndings_ParsesTheSame()
    {
        var result = TableBatchResponse.Interpret(ContentType, Success.Replace("\r\n", "\n", StringComparison.Ordinal), operationCount: 4, "orders");

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.ETags.Count);
    }

    [Fact]
    public void Interpret_FewerResponsesThanOperations_Throws()
    {
        var error = Assert.Throws<TableRequestFailedException>(() => TableBatchResponse.Interpret(ContentType, Success, operationCount: 5, "orders"));

        Assert.Equal("UnexpectedBatchResponse", error.ErrorCode);
    }

    [Fact]
    public void Interpret_ThirdOperationConflicts_ReportsIndexTwoAndConflict()
    {
        var result = TableBatchResponse.Interpret(ContentType, Conflict, operationCount: 4, "orders");

        Assert.False(result.Succeeded);
        Assert.Empty(result.ETags);
        Assert.Equal(2, result.FailedIndex);
        Assert.Equal(TableOutcome.Conflict, result.FailedOutcome);
        Assert.Equal("EntityAlreadyExists", result.ErrorCode);
        Assert.Equal(409, result.FailedStatus);
    }

    [Fact]
    public void Interpret_MessageWithoutIndex_FallsBackToOneBasedContentId()
    {
        var body = Conflict.Replace("\"value\":\"2:", "\"value\":\"", StringComparison.Ordinal).Replace("Content-ID: 3", "Content-ID: 2", StringComparison.Ordinal);

        var result = TableBatchResponse.Interpret(ContentType, body, operationCount: 4, "orders");

        Assert.Equal(1, result.FailedIndex);
    }

    [Fact]
    public void Interpret_NoIndexAnywhere_LeavesIndexUnknown()
    {
        var body = Conflict.Replace("\"value\":\"2:", "\"value\":\"", StringComparison.Ordinal).Replace("Content-ID: 3\r\n", "", StringComparison.Ordinal);

        var result = TableBatchResponse.Interpret(ContentType, body, operationCount: 4, "orders");

        Assert.False(result.Succeeded);
        Assert.Null(result.FailedIndex);
        Assert.Equal(TableOutcome.Conflict, result.FailedOutcome);
    }

    [Theory]
    [InlineData("412 Precondition Failed", "UpdateConditionNotSatisfied", "PreconditionFailed", 412)]
    [InlineData("404 Not Found", "ResourceNotFound", "NotFound", 404)]
    public void Interpret_ExpectedFailureStatus_MapsToOutcome(string statusLine, string code, string outcome, int status)
    {
        // Shaped like the Azure service's answer: the error code also in x-ms-error-code, the id in the MIME part headers.
        var body = Crlf(
            "--batchresponse_x",
            "Content-Type: multipart/mixed; boundary=changesetresponse_y",
            "",
            "--changesetresponse_y",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 2",
            "",
            $"HTTP/1.1 {statusLine}",
            $"x-ms-error-code: {code}",
            "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            "",
            $"{{\"odata.error\":{{\"code\":\"{code}\",\"message\":{{\"lang\":\"en-US\",\"value\":\"1:Failed.\\nRequestId:r\"}}}}}}",
            "--changesetresponse_y--",
            "--batchresponse_x--");

        var result = TableBatchResponse.Interpret("multipart/mixed; boundary=\"batchresponse_x\"", body, operationCount: 2, "orders");

        Assert.Equal(1, result.FailedIndex);
        Assert.Equal(Enum.Parse<TableOutcome>(outcome), result.FailedOutcome);
        Assert.Equal(status, result.FailedStatus);
        Assert.Equal(code, result.ErrorCode);
    }

    [Fact]
    public void Interpret_UnexpectedStatus_ThrowsNamingOperationAndCode()
    {
        var body = Conflict
            .Replace("HTTP/1.1 409 Conflict", "HTTP/1.1 400 Bad Request", StringComparison.Ordinal)
            .Replace("EntityAlreadyExists", "PropertyValueTooLarge", StringComparison.Ordinal);

        var error = Assert.Throws<TableRequestFailedException>(() => TableBatchResponse.Interpret(ContentType, body, operationCount: 4, "orders"));

        Assert.Equal(400, error.Status);
        Assert.Equal("PropertyValueTooLarge", error.ErrorCode);
        Assert.Contains("Transaction operation 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_BatchLevelErrorWithoutChangeset_ReadsTopLevelPart()
    {
        var body = Crlf(
            "--batchresponse_x",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 404 Not Found",
            "Content-Type: application/json",
            "",
            "{\"odata.error\":{\"code\":\"TableNotFound\",\"message\":{\"value\":\"0:The table specified does not exist.\"}}}",
            "--batchresponse_x--");

        var error = Assert.Throws<TableRequestFailedException>(() => TableBatchResponse.Interpret("multipart/mixed; boundary=batchresponse_x", body, 3, "orders"));

        Assert.Equal(("TableNotFound", 404), (error.ErrorCode, error.Status));
    }

    [Fact]
    public void Interpret_NotMultipart_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => TableBatchResponse.Interpret("application/json", "{}", 1, "orders"));
    }

    private static string Crlf(params string[] lines) => string.Join("\r\n", lines);
}
