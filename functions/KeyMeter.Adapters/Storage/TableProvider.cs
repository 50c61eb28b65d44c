using System.Collections.Concurrent;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Storage;

/// <summary>
/// Hands out table clients whose table is known to exist: the first use of a table creates it if needed, once per
/// process; a failed creation is tried again on the next use instead of poisoning the app. Every name gets
/// <c>tablePrefix</c> in front, so several environments or test runs can share one account.
/// </summary>
internal sealed class TableProvider(TableServiceClient service, string tablePrefix = "")
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public async ValueTask<TableClient> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(tableName, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string tableName)
    {
        var table = service.GetTableClient(tablePrefix + tableName);
        // Not the caller's token: the creation is shared by every caller waiting on it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await table.CreateIfNotExistsAsync(timeout.Token);
        return table;
    }
}
