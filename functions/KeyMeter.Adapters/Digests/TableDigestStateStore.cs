using System.Globalization;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Digests;

namespace KeyMeter.Adapters.Digests;

/// <summary><see cref="IDigestStateStore"/> on the <c>digeststate</c> table: a row per kind, <c>Through</c> as <c>yyyy-MM-dd</c>.</summary>
internal sealed class TableDigestStateStore(TableProvider tables) : IDigestStateStore
{
    public const string ThroughProperty = "Through";

    public async Task<DateOnly?> GetAsync(DigestKind kind, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(DigestStateKeys.TableName, cancellationToken);
        var result = await table.GetAsync(DigestStateKeys.Partition, DigestStateKeys.Row(kind), cancellationToken, [ThroughProperty]);
        if (!result.IsSuccess)
        {
            return null;
        }

        var text = result.Value!.GetString(ThroughProperty);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidOperationException($"Row '{DigestStateKeys.Row(kind)}' of table '{DigestStateKeys.TableName}' has no valid {ThroughProperty}.");
    }

    public async Task SetAsync(DigestKind kind, DateOnly periodStart, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(DigestStateKeys.TableName, cancellationToken);
        var entity = new TableEntity(DigestStateKeys.Partition, DigestStateKeys.Row(kind))
        {
            [ThroughProperty] = periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
