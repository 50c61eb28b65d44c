using System.Globalization;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// <see cref="ICursorSnapshotStore"/> on the <c>cursorsnapshots</c> table (keys from <see cref="CursorTableKeys"/>): a
/// partition per day's roster and per spend snapshot, so one never touches another. Amounts are strings in the
/// invariant culture: Cursor's cents are fractional and a decimal round-trips exactly as text, not as a Double.
/// </summary>
internal sealed class TableCursorSnapshotStore(TableProvider tables) : ICursorSnapshotStore
{
    public const string CycleStartProperty = "CycleStart";
    public const string TakenAtProperty = "TakenAt";
    public const string MemberCountProperty = "MemberCount";

    private static readonly IReadOnlyList<string> KeysOnly = ["RowKey"];

    public async Task SaveMembersAsync(DateOnly day, IReadOnlyList<CursorMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var partition = CursorTableKeys.MembersPartition(day);
        var rows = Distinct(members.Select(member => new TableEntity(partition, CursorTableKeys.MemberRow(member.Id, member.Email))
        {
            ["Id"] = member.Id,
            ["Email"] = member.Email,
            ["Name"] = member.Name,
            ["Role"] = member.Role,
            ["IsRemoved"] = member.IsRemoved,
        }));
        var table = await TableAsync(cancellationToken);

        // 1. Write the new roster, then 2. delete the rows of members an earlier read that day had and this one has
        // not: the day ends up with this read only, and a run cut short in between leaves a superset, never a gap.
        await SubmitAsync(table, [.. rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))], cancellationToken);
        var current = rows.Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.Equal("PartitionKey", partition), KeysOnly), cancellationToken))
        {
            if (!current.Contains(entity.RowKey))
            {
                stale.Add(entity.RowKey);
            }
        }

        // One by one, where 404 means done: a transaction would fail whole on a row another run deleted first.
        foreach (var rowKey in stale)
        {
            await table.DeleteAsync(partition, rowKey, cancellationToken);
        }
    }

    public async Task SaveSpendAsync(CursorSpendSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(snapshot.Members, nameof(snapshot));
        var partition = CursorTableKeys.SpendPartition(snapshot.TakenAt);
        var rows = Distinct(snapshot.Members.Select(member => new TableEntity(partition, CursorTableKeys.MemberRow(member.UserId, member.Email))
        {
            ["UserId"] = member.UserId,
            ["Email"] = member.Email,
            ["Name"] = member.Name,
            ["Role"] = member.Role,
            ["SpendCents"] = Text(member.SpendCents),
            ["OverallSpendCents"] = Text(member.OverallSpendCents),
            ["FastPremiumRequests"] = Text(member.FastPremiumRequests),
            ["HardLimitOverrideDollars"] = Text(member.HardLimitOverrideDollars),
            ["MonthlyLimitDollars"] = Text(member.MonthlyLimitDollars),
            ["EffectivePerUserLimitDollars"] = Text(member.EffectivePerUserLimitDollars),
        }));

        // The header goes last, so it lands in the last transaction: a snapshot with a header is complete, and its
        // member count says how many rows to expect.
        rows.Add(new TableEntity(partition, CursorTableKeys.SpendHeaderRow)
        {
            [CycleStartProperty] = snapshot.CycleStart,
            [TakenAtProperty] = snapshot.TakenAt,
            [MemberCountProperty] = rows.Count,
        });
        var table = await TableAsync(cancellationToken);
        await SubmitAsync(table, [.. rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))], cancellationToken);
    }

    /// <summary>One row per key, the last one given winning: a transaction may touch a row only once.</summary>
    private static List<TableEntity> Distinct(IEnumerable<TableEntity> rows)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<TableEntity>();
        foreach (var row in rows)
        {
            if (byKey.TryGetValue(row.RowKey, out var index))
            {
                distinct[index] = row;
            }
            else
            {
                byKey.Add(row.RowKey, distinct.Count);
                distinct.Add(row);
            }
        }

        return distinct;
    }

    private static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var batch in actions.Chunk(TableBatchRequest.MaxOperations))
        {
            var result = await table.SubmitTransactionAsync(batch, cancellationToken);
            if (!result.Succeeded)
            {
                // Upserts have no expected failure: no precondition, and no 409 or 404.
                throw new TableRequestFailedException(table.Name, "Transaction", result.FailedStatus ?? 0, result.ErrorCode);
            }
        }
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(CursorTableKeys.SnapshotTable, cancellationToken);
}
