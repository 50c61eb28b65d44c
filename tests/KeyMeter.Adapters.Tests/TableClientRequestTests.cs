using System.Net;
using System.Text;
using Azure.Core;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableClientRequestTests
{
    [Fact]
    public async Task InsertAsync_Always_SendsVersionSignedHeadersAndAnnotatedJson()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.NoContent, etag: "W/\"e1\""));
        var table = FakeTableService.Table(handler);
        var entity = new TableEntity("p", "r") { ["Count"] = 12L, ["Name"] = "n", ["Skip"] = null };

        var result = await table.InsertAsync(entity, CancellationToken.None);

        Assert.Equal((TableOutcome.Success, "W/\"e1\"", "W/\"e1\""), (result.Outcome, result.Value, result.ETag));
        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://acme.table.core.windows.net/orders", request.Uri.AbsoluteUri);
        Assert.Equal("2019-02-02", request.Headers["x-ms-version"]);
        Assert.Equal("3.0", request.Headers["DataServiceVersion"]);
        Assert.Equal("application/json;odata=minimalmetadata", request.Headers["Accept"].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("return-no-content", request.Headers["Prefer"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(request.Headers["x-ms-date"], out _));
        var expectedSignature = new TableSharedKeyCredential("acme", "c2VjcmV0LWtleS1ieXRlcw==")
            .ComputeSignature($"{request.Headers["x-ms-date"]}\n/acme/orders");
        Assert.Equal($"SharedKeyLite acme:{expectedSignature}", request.Headers["Authorization"]);
        Assert.Equal("{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"Count@odata.type\":\"Edm.Int64\",\"Count\":\"12\",\"Name\":\"n\"}", request.Body);
    }

    [Fact]
    public async Task GetAsync_KeysWithQuoteAndUnicode_QuotesThenPercentEncodesInPath()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.NotFound, "ResourceNotFound"));
        var table = FakeTableService.Table(handler);

        var result = await table.GetAsync("O'Brien", "é 1", CancellationToken.None, select: ["A"]);

        Assert.Equal(TableOutcome.NotFound, result.Outcome);
        Assert.Equal(
            "/orders(PartitionKey='O%27%27Brien',RowKey='%C3%A9%201')",
            Assert.Single(handler.Requests).Uri.AbsolutePath);
        Assert.Equal("?$select=A%2CPartitionKey%2CRowKey", handler.Requests[0].Uri.Query);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public async Task GetAsync_ForbiddenKeyCharacter_ThrowsWithoutRequest(string key)
    {
        var handler = new RecordingHandler(_ => throw new InvalidOperationException("no request expected"));
        var table = FakeTableService.Table(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => table.GetAsync("p", key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteAsync(key, "r", CancellationToken.None));
        Assert.Throws<ArgumentException>(() => new TableEntity(key, "r"));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed, "UpdateConditionNotSatisfied", "PreconditionFailed")]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotFound", "NotFound")]
    public async Task UpdateAsync_ExpectedFailureStatus_ReturnsOutcomeWithoutRetry(HttpStatusCode status, string code, string outcome)
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(status, code));
        var table = FakeTableService.Table(handler);

        var result = await table.UpdateAsync(new TableEntity("p", "r"), "W/\"e\"", TableUpdateMode.Merge, CancellationToken.None);

        Assert.Equal(Enum.Parse<TableOutcome>(outcome), result.Outcome);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("MERGE", request.Method);
        Assert.Equal("W/\"e\"", request.Headers["If-Match"]);
    }

    [Fact]
    public async Task InsertAsync_Conflict_ReturnsConflictWithoutRetry()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.Conflict, "EntityAlreadyExists"));
        var table = FakeTableService.Table(handler);

        var result = await table.InsertAsync(new TableEntity("p", "r"), CancellationToken.None);

        Assert.Equal(TableOutcome.Conflict, result.Outcome);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UpdateAsync_UnexpectedConflict_Throws()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.Conflict, "EntityAlreadyExists"));
        var table = FakeTableService.Table(handler);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpdateAsync(new TableEntity("p", "r"), "*", TableUpdateMode.Replace, CancellationToken.None));

        Assert.Equal((409, "Update"), (error.Status, error.Operation));
    }

    [Fact]
    public async Task UpsertAsync_ServiceUnavailableThenSuccess_RetriesWithFreshSignature()
    {
        var attempts = 0;
        var handler = new RecordingHandler(_ => ++attempts == 1
            ? RecordingHandler.Status(HttpStatusCode.ServiceUnavailable, "ServerBusy")
            : RecordingHandler.Status(HttpStatusCode.NoContent, etag: "W/\"e2\""));
        var table = FakeTableService.Table(handler);

        var result = await table.UpsertAsync(new TableEntity("p", "r"), TableUpdateMode.Replace, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("PUT", r.Method));
        Assert.All(handler.Requests, r => Assert.False(r.Headers.ContainsKey("If-Match")));
        Assert.All(handler.Requests, r => Assert.StartsWith("SharedKeyLite acme:", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task InsertAsync_BadRequest_ThrowsNamingTableOperationAndStatusButNoData()
    {
        var handler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(
                "{\"odata.error\":{\"code\":\"PropertyValueTooLarge\",\"message\":{\"value\":\"secret-value too large\"}}}",
                Encoding.UTF8,
                "application/json"),
        });
        var table = FakeTableService.Table(handler);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.InsertAsync(new TableEntity("pk-secret", "rk-secret") { ["P"] = "secret-value" }, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("PropertyValueTooLarge", error.ErrorCode);
        Assert.Contains("Insert", error.Message, StringComparison.Ordinal);
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task QueryPageAsync_ContinuationHeaders_AreReturnedAndSentBackWithOriginalQuery()
    {
        var handler = new RecordingHandler(r =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"value\":[]}") };
            if (!r.Uri.Query.Contains("NextPartitionKey", StringComparison.Ordinal))
            {
                response.Headers.TryAddWithoutValidation("x-ms-continuation-NextPartitionKey", "1!8!cDE-");
                response.Headers.TryAddWithoutValidation("x-ms-continuation-NextRowKey", "1!8!cjE-");
            }

            return response;
        });
        var table = FakeTableService.Table(handler);
        var query = new TableQuery(TableFilter.Equal("PartitionKey", "a b"), ["X"], Top: 5000);

        var first = await table.QueryPageAsync(query, continuation: null, CancellationToken.None);
        var second = await table.QueryPageAsync(query, first.Continuation, CancellationToken.None);

        Assert.Empty(first.Entities);
        Assert.Equal(new TableContinuation("1!8!cDE-", "1!8!cjE-"), first.Continuation);
        Assert.Null(second.Continuation);
        Assert.Equal("/orders()", handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("?$filter=PartitionKey%20eq%20%27a%20b%27&$select=X%2CPartitionKey%2CRowKey&$top=1000", handler.Requests[0].Uri.Query);
        Assert.Equal(handler.Requests[0].Uri.Query + "&NextPartitionKey=1%218%21cDE-&NextRowKey=1%218%21cjE-", handler.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task QueryAsync_EmptyPageWithContinuation_KeepsFollowing()
    {
        var handler = new RecordingHandler(r =>
        {
            var last = r.Uri.Query.Contains("NextPartitionKey", StringComparison.Ordinal);
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(last ? "{\"value\":[{\"PartitionKey\":\"p\",\"RowKey\":\"r\"}]}" : "{\"value\":[]}"),
            };
            if (!last)
            {
                response.Headers.TryAddWithoutValidation("x-ms-continuation-NextPartitionKey", "next");
            }

            return response;
        });
        var table = FakeTableService.Table(handler);

        var rows = await TableClientEntityTests.ToListAsync(table.QueryAsync(new TableQuery(), CancellationToken.None));

        Assert.Equal("r", Assert.Single(rows).RowKey);
        Assert.Equal(2, handler.Requests.Count);
        Assert.DoesNotContain("NextRowKey", handler.Requests[1].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_TokenCredential_SendsBearerTokenForStorageScope()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Status(HttpStatusCode.NoContent));
        var credential = new FakeTokenCredential();
        var service = new TableServiceClient(new Uri("https://acme.table.core.windows.net/"), credential, FakeTableService.Options(handler));

        await service.GetTableClient("orders").DeleteIfExistsAsync(CancellationToken.None);

        Assert.Equal(new Uri("https://acme.table.core.windows.net"), service.ServiceUri);
        Assert.Equal("Bearer token-1", Assert.Single(handler.Requests).Headers["Authorization"]);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("https://acme.table.core.windows.net/Tables('orders')", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("DELETE", handler.Requests[0].Method);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("abc-def")]
    [InlineData("tables")]
    [InlineData("Tables")]
    public void GetTableClient_InvalidName_Throws(string name)
    {
        var service = TableServiceClient.FromConnectionString(FakeTableService.ConnectionString);

        Assert.Throws<ArgumentException>(() => service.GetTableClient(name));
    }

    [Fact]
    public void GetTableClient_LongestValidName_Accepted()
    {
        var service = TableServiceClient.FromConnectionString(FakeTableService.ConnectionString);

        Assert.Equal(63, service.GetTableClient("a" + new string('1', 62)).Name.Length);
        Assert.Throws<ArgumentException>(() => service.GetTableClient("a" + new string('1', 63)));
    }

    private sealed class FakeTokenCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
