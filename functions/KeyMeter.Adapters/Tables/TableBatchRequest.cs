using System.Buffers;
using System.Text;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The body of an entity group transaction: <c>multipart/mixed</c> with one changeset holding one
/// <c>application/http</c> part per operation (docs "Performing entity group transactions").
/// Each part carries <c>Content-ID: index + 1</c> so a failure can be traced back to its operation.
/// </summary>
internal static class TableBatchRequest
{
    public const int MaxOperations = 100;
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The service's rules, checked before anything is sent.</summary>
    /// <exception cref="ArgumentException">Empty, over 100 operations, mixed partitions, a row twice, or a missing If-Match.</exception>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A transaction needs 1 to {MaxOperations} operations, not {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0]?.Entity?.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Transaction operation {i} is null.", nameof(actions));
            if (action.Entity is null || !Enum.IsDefined(action.Type))
            {
                throw new ArgumentException($"Transaction operation {i} has no entity or an unknown type.", nameof(actions));
            }

            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"All operations of a transaction must share one PartitionKey; operation {i} does not.", nameof(actions));
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"A transaction may touch each row once; operation {i} repeats a row.", nameof(actions));
            }

            if (NeedsIfMatch(action.Type) && string.IsNullOrEmpty(action.IfMatch))
            {
                throw new ArgumentException($"Transaction operation {i} ({action.Type}) needs an If-Match value ('*' or an ETag).", nameof(actions));
            }
        }
    }

    /// <summary>Writes the body; <paramref name="batchId"/> and <paramref name="changesetId"/> make the boundaries.</summary>
    /// <exception cref="ArgumentException">The body exceeds the service's 4 MiB limit.</exception>
    public static TableBatchBody Build(Uri serviceUri, string tableName, IReadOnlyList<TableTransactionAction> actions, Guid batchId, Guid changesetId)
    {
        var batch = $"batch_{batchId:D}";
        var changeset = $"changeset_{changesetId:D}";
        var output = new ArrayBufferWriter<byte>(1024 * actions.Count);
        Write(output, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            WriteOperation(output, serviceUri, tableName, changeset, i, actions[i]);
        }

        Write(output, $"--{changeset}--\r\n--{batch}--\r\n");
        if (output.WrittenCount > MaxBodyBytes)
        {
            throw new ArgumentException($"The transaction body is {output.WrittenCount} bytes; the service accepts at most {MaxBodyBytes}.", nameof(actions));
        }

        return new TableBatchBody(output.WrittenMemory, $"multipart/mixed; boundary={batch}");
    }

    private static void WriteOperation(ArrayBufferWriter<byte> output, Uri serviceUri, string tableName, string changeset, int index, TableTransactionAction action)
    {
        var entity = action.Entity;
        var (method, target) = action.Type == TableTransactionActionType.Insert
            ? ("POST", tableName)
            : (MethodOf(action.Type), TableKeys.EntityPath(tableName, entity.PartitionKey, entity.RowKey));

        Write(output, $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {index + 1}\r\n\r\n");
        Write(output, $"{method} {serviceUri.AbsoluteUri.TrimEnd('/')}/{target} HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n");
        if (NeedsIfMatch(action.Type))
        {
            Write(output, $"If-Match: {action.IfMatch}\r\n");
        }

        if (action.Type == TableTransactionActionType.Delete)
        {
            Write(output, "\r\n\r\n");
            return;
        }

        Write(output, "Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n");
        TableEntityJsonWriter.Write(output, entity);
        Write(output, "\r\n");
    }

    private static bool NeedsIfMatch(TableTransactionActionType type) =>
        type is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete;

    private static string MethodOf(TableTransactionActionType type) => type switch
    {
        TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpdateMerge => "MERGE",
        TableTransactionActionType.UpsertReplace or TableTransactionActionType.UpdateReplace => "PUT",
        TableTransactionActionType.Delete => "DELETE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown transaction operation."),
    };

    private static void Write(ArrayBufferWriter<byte> output, string text) => Encoding.UTF8.GetBytes(text, output);
}
