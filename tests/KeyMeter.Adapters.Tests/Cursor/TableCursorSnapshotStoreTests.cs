using KeyMeter.Adapters.Cursor;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Cursor;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableCursorSnapshotStoreTests(AzuriteFixture azurite)
{
    private static readonly DateOnly March7 = new(2026, 3, 7);
    private static readonly DateTimeOffset CycleStart = new(2026, 2, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TakenAt = new(2026, 3, 7, 6, 0, 12, 345, TimeSpan.Zero);

    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    private TableCursorSnapshotStore Store() => new(_tables);

    private async Task<Dictionary<string, TableEntity>> PartitionAsync(string partition)
    {
        var table = await _tables.GetAsync(CursorTableKeys.SnapshotTable, CancellationToken.None);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.Equal("PartitionKey", partition)), CancellationToken.None))
        {
            rows.Add(entity.RowKey, entity);
        }

        return rows;
    }

    private static CursorMemberSpend Spend(string? userId, string email, decimal spendCents) =>
        new()
        {
            UserId = userId,
            Email = email,
            Name = "Alice",
            Role = "member",
            SpendCents = spendCents,
            OverallSpendCents = spendCents + 0.000001m,
            FastPremiumRequests = 17,
            HardLimitOverrideDollars = null,
            MonthlyLimitDollars = 250.5m,
            EffectivePerUserLimitDollars = 250.50m,
        };

    [Fact]
    public async Task SaveSpendAsync_FractionalCents_StoredExactlyAsInvariantText()
    {
        var snapshot = new CursorSpendSnapshot(TakenAt, CycleStart, [Spend("user_a", "alice@example.com", 2450.125487m), Spend(null, "Bob/Dev#1@example.com", 0.000000000001m)]);

        await Store().SaveSpendAsync(snapshot, CancellationToken.None);

        var rows = await PartitionAsync("spend|20260307T060012Z");
        Assert.Equal(3, rows.Count);
        var alice = rows["user_a"];
        Assert.Equal("2450.125487", alice.GetString("SpendCents"));
        Assert.Equal("2450.125488", alice.GetString("OverallSpendCents"));
        Assert.Equal("17", alice.GetString("FastPremiumRequests"));
        Assert.Equal("250.50", alice.GetString("EffectivePerUserLimitDollars"));
        Assert.False(alice.Properties.ContainsKey("HardLimitOverrideDollars"));
        Assert.Equal("alice@example.com", alice.GetString("Email"));
        Assert.Equal("user_a", alice.GetString("UserId"));
        var bob = rows[CursorTableKeys.MemberRow(null, "Bob/Dev#1@example.com")];
        Assert.Equal("0.000000000001", bob.GetString("SpendCents"));
        Assert.Equal("Bob/Dev#1@example.com", bob.GetString("Email"));
        var header = rows[CursorTableKeys.SpendHeaderRow];
        Assert.Equal(CycleStart, header.GetDateTimeOffset(TableCursorSnapshotStore.CycleStartProperty));
        Assert.Equal(TakenAt, header.GetDateTimeOffset(TableCursorSnapshotStore.TakenAtProperty));
        Assert.Equal(2, header.GetInt32(TableCursorSnapshotStore.MemberCountProperty));
    }

    [Fact]
    public async Task SaveSpendAsync_TwoSnapshots_BothKeptSideBySide()
    {
        await Store().SaveSpendAsync(new CursorSpendSnapshot(TakenAt, CycleStart, [Spend("user_a", "a@example.com", 100m)]), CancellationToken.None);
        await Store().SaveSpendAsync(new CursorSpendSnapshot(TakenAt.AddHours(1), CycleStart, [Spend("user_a", "a@example.com", 180.25m)]), CancellationToken.None);

        var first = await PartitionAsync(CursorTableKeys.SpendPartition(TakenAt));
        var second = await PartitionAsync(CursorTableKeys.SpendPartition(TakenAt.AddHours(1)));
        Assert.Equal("100", first["user_a"].GetString("SpendCents"));
        Assert.Equal("180.25", second["user_a"].GetString("SpendCents"));
    }

    [Fact]
    public async Task SaveSpendAsync_250Members_EveryRowAndHeaderStored()
    {
        var members = Enumerable.Range(0, 250).Select(i => Spend($"user_{i:D3}", $"dev{i}@example.com", i + 0.5m)).ToList();

        await Store().SaveSpendAsync(new CursorSpendSnapshot(TakenAt, CycleStart, members), CancellationToken.None);

        var rows = await PartitionAsync(CursorTableKeys.SpendPartition(TakenAt));
        Assert.Equal(251, rows.Count);
        Assert.Equal("249.5", rows["user_249"].GetString("SpendCents"));
        Assert.Equal(250, rows[CursorTableKeys.SpendHeaderRow].GetInt32(TableCursorSnapshotStore.MemberCountProperty));
    }

    [Fact]
    public async Task SaveMembersAsync_Roster_RowPerMemberUnderIdOrEmail()
    {
        CursorMember[] members =
        [
            new() { Id = "user_a", Email = "alice@example.com", Name = "Alice", Role = "owner" },
            new() { Email = "Bob/Dev#1@Example.com", Name = "Bob", Role = "member", IsRemoved = true },
        ];

        await Store().SaveMembersAsync(March7, members, CancellationToken.None);

        var rows = await PartitionAsync("members|2026-03-07");
        Assert.Equal(2, rows.Count);
        Assert.Equal("owner", rows["user_a"].GetString("Role"));
        Assert.Equal("user_a", rows["user_a"].GetString("Id"));
        Assert.False(rows["user_a"].GetBoolean("IsRemoved"));
        var bob = rows["bob%2Fdev%231@example.com"];
        Assert.Equal("Bob/Dev#1@Example.com", bob.GetString("Email"));
        Assert.Equal("Bob", bob.GetString("Name"));
        Assert.True(bob.GetBoolean("IsRemoved"));
        Assert.False(bob.Properties.ContainsKey("Id"));
    }

    [Fact]
    public async Task SaveMembersAsync_SecondReadSameDay_ReplacesFirstAndKeepsOtherDays()
    {
        CursorMember[] first = [new() { Id = "user_a", Role = "member" }, new() { Id = "user_b", Role = "member" }];
        await Store().SaveMembersAsync(March7.AddDays(-1), first, CancellationToken.None);
        await Store().SaveMembersAsync(March7, first, CancellationToken.None);

        await Store().SaveMembersAsync(March7, [new() { Id = "user_a", Role = "owner" }, new() { Id = "user_c", Role = "member" }], CancellationToken.None);

        var today = await PartitionAsync(CursorTableKeys.MembersPartition(March7));
        Assert.Equal(["user_a", "user_c"], today.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("owner", today["user_a"].GetString("Role"));
        Assert.Equal(["user_a", "user_b"], (await PartitionAsync(CursorTableKeys.MembersPartition(March7.AddDays(-1)))).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveMembersAsync_150Members_AllStored()
    {
        var members = Enumerable.Range(0, 150).Select(i => new CursorMember { Id = $"user_{i:D3}", Email = $"dev{i}@example.com" }).ToList();

        await Store().SaveMembersAsync(March7, members, CancellationToken.None);

        Assert.Equal(150, (await PartitionAsync(CursorTableKeys.MembersPartition(March7))).Count);
    }
}
