using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// <see cref="ICursorStateStore"/> on the <c>cursorstate</c> table: one row per watermark. <c>ThroughMs</c> (Int64 Unix
/// milliseconds, the unit of Cursor's API) is what is read back; <c>Through</c> is the same instant for people browsing
/// the table. A watermark is kept to the millisecond.
/// </summary>
internal sealed class TableCursorStateStore(TableProvider tables) : ICursorStateStore
{
    public const string ThroughMsProperty = "ThroughMs";
    public const string ThroughProperty = "Through";

    public async Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        var row = CursorTableKeys.WatermarkRow(name);
        var table = await TableAsync(cancellationToken);
        var result = await table.GetAsync(CursorTableKeys.WatermarkPartition, row, cancellationToken, [ThroughMsProperty]);
        if (!result.IsSuccess)
        {
            return null;
        }

        var milliseconds = result.Value!.GetInt64(ThroughMsProperty)
            ?? throw new InvalidOperationException($"Watermark row '{row}' of table '{CursorTableKeys.StateTable}' has no {ThroughMsProperty}.");
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    public async Task SetWatermarkAsync(string name, DateTimeOffset value, CancellationToken cancellationToken)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        var entity = new TableEntity(CursorTableKeys.WatermarkPartition, CursorTableKeys.WatermarkRow(name))
        {
            [ThroughMsProperty] = milliseconds,
            [ThroughProperty] = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds),
        };
        var table = await TableAsync(cancellationToken);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(CursorTableKeys.StateTable, cancellationToken);
}
