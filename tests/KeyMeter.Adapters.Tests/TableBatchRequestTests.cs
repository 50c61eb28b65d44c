using System.Net;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableBatchRequestTests
{
    [Fact]
    public async Task SubmitTransactionAsync_MoreThanHundredOperations_ThrowsWithoutRequest()
    {
        var handler = new RecordingHandler(_ => throw new InvalidOperationException("no request expected"));
        var actions = Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Insert, new TableEntity("p", $"r{i}")))
            .ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => FakeTableService.Table(handler).SubmitTransactionAsync(actions, CancellationToken.None));

        Assert.Contains("101", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedPartitions_ThrowsWithoutRequest()
    {
        var handler = new RecordingHandler(_ => throw new InvalidOperationException("no request expected"));
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Insert, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Insert, new TableEntity("p2", "r")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => FakeTableService.Table(handler).SubmitTransactionAsync(actions, CancellationToken.None));

        Assert.Contains("operation 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Validate_SameRowTwice_Throws()
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "r")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "r")),
        ];

        var error = Assert.Throws<ArgumentException>(() => TableBatchRequest.Validate(actions));

        Assert.Contains("operation 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RowKeysDifferingOnlyInCase_AreDistinctRows()
    {
        TableBatchRequest.Validate(
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "r")),
            new(TableTransactionActionType.Insert, new TableEntity("p", "R")),
        ]);
    }

    [Fact]
    public void Validate_EmptyOrUpdateWithoutIfMatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableBatchRequest.Validate([]));
        Assert.Throws<ArgumentException>(() => TableBatchRequest.Validate([new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r"), "")]));
    }

    [Fact]
    public void Build_MixedOperations_WritesOneChangesetWithMethodsUrlsIdsAndIfMatch()
    {
        var batchId = Guid.Parse("11111111-1111-1111-1111-111111111111");
        var changesetId = Guid.Parse("22222222-2222-2222-2222-222222222222");

        var body = TableBatchRequest.Build(
            new Uri("http://127.0.0.1:10002/devstoreaccount1"),
            "orders",
            [
                new(TableTransactionActionType.Insert, new TableEntity("p", "a") { ["N"] = 5L }),
                new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "it's"), "W/\"e1\""),
                new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "c")),
                new(TableTransactionActionType.Delete, new TableEntity("p", "d")),
            ],
            batchId,
            changesetId);

        var text = System.Text.Encoding.UTF8.GetString(body.Content.Span);
        Assert.Equal("multipart/mixed; boundary=batch_11111111-1111-1111-1111-111111111111", body.ContentType);
        Assert.StartsWith(
            "--batch_11111111-1111-1111-1111-111111111111\r\nContent-Type: multipart/mixed; boundary=changeset_22222222-2222-2222-2222-222222222222\r\n\r\n",
            text,
            StringComparison.Ordinal);
        Assert.EndsWith("--changeset_22222222-2222-2222-2222-222222222222--\r\n--batch_11111111-1111-1111-1111-111111111111--\r\n", text, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(text, "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"));
        Assert.Contains("Content-ID: 1\r\n\r\nPOST http://127.0.0.1:10002/devstoreaccount1/orders HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "Content-ID: 2\r\n\r\nMERGE http://127.0.0.1:10002/devstoreaccount1/orders(PartitionKey='p',RowKey='it%27%27s') HTTP/1.1\r\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("If-Match: W/\"e1\"\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-ID: 3\r\n\r\nPUT http://127.0.0.1:10002/devstoreaccount1/orders(PartitionKey='p',RowKey='c') HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-ID: 4\r\n\r\nDELETE http://127.0.0.1:10002/devstoreaccount1/orders(PartitionKey='p',RowKey='d') HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "If-Match:"));
        Assert.Contains("{\"PartitionKey\":\"p\",\"RowKey\":\"a\",\"N@odata.type\":\"Edm.Int64\",\"N\":\"5\"}\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BodyOverFourMebibytes_Throws()
    {
        var big = new string('x', 32 * 1024);
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Insert, new TableEntity("p", $"r{i}") { ["A"] = big, ["B"] = big }))
            .ToList();

        Assert.Throws<ArgumentException>(() => TableBatchRequest.Build(new Uri("http://h/a"), "orders", actions, Guid.NewGuid(), Guid.NewGuid()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_Non202Answer_ThrowsWithStatus()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.Forbidden, "AuthorizationFailure"));

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => FakeTableService.Table(handler).SubmitTransactionAsync(
            [new(TableTransactionActionType.Insert, new TableEntity("p", "r"))], CancellationToken.None));

        Assert.Equal((403, "AuthorizationFailure", "Transaction"), (error.Status, error.ErrorCode, error.Operation));
        Assert.Equal("/$batch", handler.Requests[0].Uri.AbsolutePath);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
