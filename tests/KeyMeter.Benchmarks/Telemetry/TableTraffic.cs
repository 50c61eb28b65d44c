using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// Counts every request the app's Table client sends, each retry too, by table and kind, as a policy in its HTTP
/// pipeline (per retry, so an attempt is one request). The kind follows the Table service REST API: a GET is a read
/// (a point read or one page of a query), a POST to <c>$batch</c> an entity-group transaction (its table is inside the
/// body, so transactions are counted under <see cref="Transactions"/> alone), anything else a write (insert, update,
/// merge, delete, creating a table).
/// https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api
/// </summary>
internal sealed class TableTraffic(string tablePrefix) : HttpPipelineSynchronousPolicy
{
    public const string Transactions = "(entity-group transactions)";

    private readonly ConcurrentDictionary<(string Table, TableRequestKind Kind), long> _counts = new();

    /// <summary>The requests sent so far.</summary>
    public TableTrafficCounts Read() => new(_counts.ToDictionary(pair => pair.Key, pair => pair.Value));

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var path = request.Uri.Path;
        var resource = path[(path.LastIndexOf('/') + 1)..];
        var key = resource == "$batch" ? (Transactions, TableRequestKind.Transaction)
            : (Table(resource), request.Method == RequestMethod.Get ? TableRequestKind.Read : TableRequestKind.Write);
        _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    /// <summary>The table a path's last segment names (<c>keys(PartitionKey='…',RowKey='…')</c>, <c>aggregates()</c>), without the app's prefix.</summary>
    private string Table(string resource)
    {
        var name = resource.Split('(')[0];
        return name.StartsWith(tablePrefix, StringComparison.Ordinal) ? name[tablePrefix.Length..] : name;
    }
}
