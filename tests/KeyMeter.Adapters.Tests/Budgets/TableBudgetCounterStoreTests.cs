using KeyMeter.Adapters.Budgets;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Budgets;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableBudgetCounterStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Day = "d:2026-11-22";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _key = KeyId.New();
    private TableProvider _tables = null!;
    private TableBudgetCounterStore _store = null!;

    public Task InitializeAsync()
    {
        _tables = new TableProvider(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);
        _store = new TableBudgetCounterStore(_tables);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        var table = await _tables.GetAsync(BudgetCounterKeys.TableName, None);
        await table.DeleteIfExistsAsync(None);
    }

    [Fact]
    public async Task GetAsync_NoRow_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync(_key, Day, None));
    }

    [Fact]
    public async Task CreateAsync_ThenGet_ReturnsExactAmountsAndTheVersionWritten()
    {
        var counter = Counter(12.345678901234567890m, 0.1m, 7.000000000000000001m);

        var created = await _store.CreateAsync(_key, Day, counter, None);
        var stored = await _store.GetAsync(_key, Day, None);

        Assert.True(created.IsSuccess);
        Assert.NotNull(stored);
        Assert.Equal(counter, stored.Counter);
        Assert.Equal(created.Version, stored.Version);
    }

    [Fact]
    public async Task CreateAsync_AmountsStoredAsInvariantStrings()
    {
        await _store.CreateAsync(_key, Day, Counter(10m, 2.50m, -0.25m), None);

        var table = await _tables.GetAsync(BudgetCounterKeys.TableName, None);
        var entity = (await table.GetAsync(_key, Day, None)).Value!;

        Assert.Equal("10", entity.GetString("Limit"));
        Assert.Equal("2.50", entity.GetString("Settled"));
        Assert.Equal("-0.25", entity.GetString("Leased"));
    }

    [Fact]
    public async Task CreateAsync_RowExists_AlreadyExistsAndUnchanged()
    {
        await _store.CreateAsync(_key, Day, Counter(10m, 1m, 0m), None);

        var second = await _store.CreateAsync(_key, Day, Counter(10m, 9m, 0m), None);

        Assert.Equal(BudgetCounterWriteOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(1m, (await _store.GetAsync(_key, Day, None))!.Counter.Settled);
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_ReplacesAndReturnsNewVersion()
    {
        var created = await _store.CreateAsync(_key, Day, Counter(10m, 0m, 0m), None);

        var updated = await _store.UpdateAsync(_key, Day, Counter(12m, 3.5m, 2m), created.Version!, None);
        var stored = await _store.GetAsync(_key, Day, None);

        Assert.True(updated.IsSuccess);
        Assert.NotEqual(created.Version, updated.Version);
        Assert.Equal(new StoredBudgetCounter(Counter(12m, 3.5m, 2m), updated.Version!), stored);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ConcurrentChangeAndUnchanged()
    {
        var created = await _store.CreateAsync(_key, Day, Counter(10m, 0m, 0m), None);
        await _store.UpdateAsync(_key, Day, Counter(10m, 1m, 0m), created.Version!, None);

        var stale = await _store.UpdateAsync(_key, Day, Counter(10m, 5m, 0m), created.Version!, None);

        Assert.Equal(BudgetCounterWriteOutcome.ConcurrentChange, stale.Outcome);
        Assert.Equal(1m, (await _store.GetAsync(_key, Day, None))!.Counter.Settled);
    }

    [Fact]
    public async Task UpdateAsync_NoRow_ConcurrentChange()
    {
        await _store.CreateAsync(_key, "d:2026-11-21", Counter(10m, 0m, 0m), None);
        var other = await _store.GetAsync(_key, "d:2026-11-21", None);

        var result = await _store.UpdateAsync(_key, Day, Counter(10m, 1m, 0m), other!.Version, None);

        Assert.Equal(BudgetCounterWriteOutcome.ConcurrentChange, result.Outcome);
        Assert.Null(await _store.GetAsync(_key, Day, None));
    }

    [Fact]
    public async Task GetAsync_MalformedKeys_Throw()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetAsync("key/1", Day, None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetAsync(_key, "2026-11-22", None).AsTask());
    }

    [Fact]
    public async Task Holdings_RoundTripWithOwnersAmountsAndExpiries()
    {
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        var counter = new BudgetCounter(10m, 1.5m, [new LeaseHolding("i-a1", 2.25m, expires), new LeaseHolding("i-b2", 0.000001m, expires.AddSeconds(30))]);

        await _store.CreateAsync(_key, Day, counter, None);
        var table = await _tables.GetAsync(BudgetCounterKeys.TableName, None);
        var entity = (await table.GetAsync(_key, Day, None)).Value!;

        Assert.Equal(counter, (await _store.GetAsync(_key, Day, None))!.Counter);
        Assert.Equal("2.250001", entity.GetString("Leased"));
    }

    [Fact]
    public async Task RowWithoutHoldings_LeasedReadsAsOneExpiredHolding()
    {
        var table = await _tables.GetAsync(BudgetCounterKeys.TableName, None);
        await table.InsertAsync(new TableEntity(_key, Day) { ["Limit"] = "10", ["Settled"] = "1", ["Leased"] = "3" }, None);

        var counter = (await _store.GetAsync(_key, Day, None))!.Counter;

        Assert.Equal(3m, counter.Leased);
        Assert.Equal(3m, counter.ExpiredAt(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("i-a|1")]
    [InlineData("I-UPPER|1|1800000000000")]
    [InlineData("i-a|one|1800000000000")]
    [InlineData("i-a|1|-5")]
    public async Task MalformedHoldings_ReadFailsNamingTheColumn(string leases)
    {
        var table = await _tables.GetAsync(BudgetCounterKeys.TableName, None);
        await table.InsertAsync(new TableEntity(_key, Day) { ["Limit"] = "10", ["Settled"] = "1", ["Leased"] = "1", ["Leases"] = leases }, None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.GetAsync(_key, Day, None));
        Assert.Contains("'Leases'", error.Message, StringComparison.Ordinal);
    }

    private static BudgetCounter Counter(decimal limit, decimal settled, decimal leased) =>
        new(limit, settled, leased == 0 ? [] : [new LeaseHolding("i-test", leased, DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000))]);
}
