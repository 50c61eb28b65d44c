using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Keys;

namespace KeyMeter.Adapters.Keys;

/// <summary><see cref="IKeyWatermarkStore"/> on the <c>keys</c> table: one row, replaced with a new GUID on every change.</summary>
internal sealed class TableKeyWatermarkStore(TableProvider tables) : IKeyWatermarkStore
{
    private const string ValueProperty = "Value";

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(KeyTableLayout.TableName, cancellationToken);
        var result = await table.GetAsync(KeyTableLayout.WatermarkPartition, KeyTableLayout.WatermarkRow, cancellationToken);
        return result.IsSuccess ? result.Value!.GetString(ValueProperty) : null;
    }

    public async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(KeyTableLayout.TableName, cancellationToken);
        var entity = new TableEntity(KeyTableLayout.WatermarkPartition, KeyTableLayout.WatermarkRow) { [ValueProperty] = Guid.NewGuid().ToString("N") };
        var result = await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Advancing the key watermark on table '{KeyTableLayout.TableName}' ended as {result.Outcome}.");
        }
    }
}
