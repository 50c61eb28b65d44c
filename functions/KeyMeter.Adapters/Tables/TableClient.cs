using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Entity operations on one table over the Table Storage REST API (x-ms-version 2019-02-02, JSON with minimal
/// metadata). Expected answers (404, 409, 412) come back as <see cref="TableOutcome"/> values; anything else
/// throws <see cref="TableRequestFailedException"/>. Retries follow the pipeline's retry policy.
/// </summary>
internal sealed class TableClient
{
    private const int MaxPageSize = 1000;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceUri;
    private readonly string _serviceAddress;

    internal TableClient(HttpPipeline pipeline, Uri serviceUri, string name)
    {
        _pipeline = pipeline;
        _serviceUri = serviceUri;
        _serviceAddress = serviceUri.AbsoluteUri.TrimEnd('/');
        Name = name;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>Creates the table; an existing table (409 <c>TableAlreadyExists</c>) is fine.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, TableNameJson());
        var response = await SendAsync(message, cancellationToken);
        if (response.Status is not (201 or 204) && !(response.Status == 409 && TableResponses.Error(response).Code == "TableAlreadyExists"))
        {
            throw TableResponses.Failure(response, Name, "CreateTable");
        }
    }

    /// <summary>Deletes the table; a missing table (404) is fine. The name stays unusable for a while after a delete.</summary>
    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        var response = await SendAsync(message, cancellationToken);
        if (response.Status is not (204 or 404))
        {
            throw TableResponses.Failure(response, Name, "DeleteTable");
        }
    }

    /// <summary>
    /// Reads one entity; <see cref="TableOutcome.NotFound"/> when it does not exist. <paramref name="select"/> limits
    /// the properties returned (null for all).
    /// </summary>
    public async Task<TableResult<TableEntity>> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken, IReadOnlyList<string>? select = null)
    {
        var query = TableQueryString.Build(new TableQuery(Select: select), top: null, continuation: null);
        using var message = CreateMessage(RequestMethod.Get, TableKeys.EntityPath(Name, partitionKey, rowKey) + query);
        var response = await SendAsync(message, cancellationToken);
        switch (TableResponses.Classify(response))
        {
            case TableOutcome.Success:
                var entity = TableEntityJsonReader.ReadEntityResponse(response.Content.ToMemory());
                entity.ETag ??= TableResponses.ETag(response);
                return new TableResult<TableEntity>(TableOutcome.Success, entity, entity.ETag);
            case TableOutcome.NotFound:
                return TableResult<TableEntity>.Failed(TableOutcome.NotFound);
            default:
                throw TableResponses.Failure(response, Name, "Get");
        }
    }

    /// <summary>Inserts a new entity; <see cref="TableOutcome.Conflict"/> when the row exists. The value is the new ETag.</summary>
    public async Task<TableResult<string>> InsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, TableEntityJsonWriter.ToUtf8(entity));
        var response = await SendAsync(message, cancellationToken);
        return TableResponses.WriteResult(response, Name, "Insert", TableOutcome.Conflict);
    }

    /// <summary>Insert-or-merge (<see cref="TableUpdateMode.Merge"/>) or insert-or-replace (<see cref="TableUpdateMode.Replace"/>), without a precondition.</summary>
    public async Task<TableResult<string>> UpsertAsync(TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(MethodOf(mode), TableKeys.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        SetJsonContent(message, TableEntityJsonWriter.ToUtf8(entity));
        var response = await SendAsync(message, cancellationToken);
        return TableResponses.WriteResult(response, Name, "Upsert");
    }

    /// <summary>
    /// Merges into or replaces an existing entity if its ETag matches <paramref name="ifMatch"/> (<c>*</c> for any):
    /// <see cref="TableOutcome.PreconditionFailed"/> on a stale ETag, <see cref="TableOutcome.NotFound"/> when missing.
    /// </summary>
    public async Task<TableResult<string>> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(MethodOf(mode), TableKeys.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        SetJsonContent(message, TableEntityJsonWriter.ToUtf8(entity));
        var response = await SendAsync(message, cancellationToken);
        return TableResponses.WriteResult(response, Name, "Update", TableOutcome.NotFound, TableOutcome.PreconditionFailed);
    }

    /// <summary>Deletes an entity if its ETag matches <paramref name="ifMatch"/>; <see cref="TableOutcome.NotFound"/> when missing.</summary>
    public async Task<TableResult<bool>> DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken, string ifMatch = "*")
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, TableKeys.EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        var response = await SendAsync(message, cancellationToken);
        return TableResponses.Classify(response) switch
        {
            TableOutcome.Success => new TableResult<bool>(TableOutcome.Success, true, null),
            TableOutcome.NotFound => TableResult<bool>.Failed(TableOutcome.NotFound),
            TableOutcome.PreconditionFailed => TableResult<bool>.Failed(TableOutcome.PreconditionFailed),
            _ => throw TableResponses.Failure(response, Name, "Delete"),
        };
    }

    /// <summary>
    /// One page: at most <see cref="TableQuery.Top"/> (capped at 1000) entities. Pass the returned continuation back
    /// with the same query for the next page; a page can be empty and still have one.
    /// </summary>
    public async Task<TablePage> QueryPageAsync(TableQuery query, TableContinuation? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var top = query.Top is { } limit ? Math.Min(limit, MaxPageSize) : (int?)null;
        using var message = CreateMessage(RequestMethod.Get, Name + "()" + TableQueryString.Build(query, top, continuation));
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw TableResponses.Failure(response, Name, "Query");
        }

        return new TablePage(TableEntityJsonReader.ReadQueryResponse(response.Content.ToMemory()), TableResponses.Continuation(response));
    }

    /// <summary>Every matching entity, following continuations; stops after <see cref="TableQuery.Top"/> entities when set.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var remaining = query.Top ?? int.MaxValue;
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(query.Top is null ? query : query with { Top = remaining }, continuation, cancellationToken);
            foreach (var entity in page.Entities)
            {
                yield return entity;
                if (--remaining == 0)
                {
                    yield break;
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>
    /// An entity group transaction (<c>$batch</c>): up to 100 operations on distinct rows of one partition, applied all
    /// or none. The rules are checked before sending. A 404, 409 or 412 of one operation is a failed result naming it.
    /// </summary>
    /// <exception cref="ArgumentException">The actions break a transaction rule; nothing was sent.</exception>
    public async Task<TableTransactionResult> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableBatchRequest.Validate(actions);
        var body = TableBatchRequest.Build(_serviceUri, Name, actions, Guid.NewGuid(), Guid.NewGuid());
        using var message = CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, body.ContentType);
        message.Request.Content = RequestContent.Create(body.Content);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 202)
        {
            throw TableResponses.Failure(response, Name, "Transaction");
        }

        response.Headers.TryGetValue(HttpHeader.Names.ContentType, out var contentType);
        return TableBatchResponse.Interpret(contentType, response.Content.ToString(), actions.Count, Name);
    }

    private HttpMessage CreateMessage(RequestMethod method, string pathAndQuery)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri($"{_serviceAddress}/{pathAndQuery}"));
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json;odata=minimalmetadata");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    private static RequestMethod MethodOf(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => new RequestMethod("MERGE"),
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    private ReadOnlyMemory<byte> TableNameJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", Name);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void SetJsonContent(HttpMessage message, ReadOnlyMemory<byte> json)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(json);
    }
}
