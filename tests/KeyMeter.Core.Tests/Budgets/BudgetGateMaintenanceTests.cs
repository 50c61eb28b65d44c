using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>Settlement writes that fail, slices that go idle, and periods that end.</summary>
public sealed class BudgetGateMaintenanceTests
{
    private const string Day = "d:2026-11-22";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualTimeProvider _time = new(Now);
    private readonly InMemoryBudgetCounterStore _store = new();
    private readonly string _key = KeyId.New();

    private static KeyBudgets Daily(decimal limit) => new(limit, null);

    private BudgetGate Gate(Action<BudgetGateOptions>? configure = null) => TestBudgetGates.Create(_store, _time, configure);

    private static async Task<BudgetReservation> AdmitAsync(BudgetGate gate, string key, KeyBudgets limits, decimal estimate)
    {
        var decision = await gate.TryReserveAsync(key, limits, estimate, None);
        Assert.True(decision.IsAdmitted, $"Expected ${estimate} to be admitted, got {decision.Outcome}.");
        return decision.Reservation;
    }

    [Fact]
    public async Task SettleAsync_StorageDown_KeepsSettlementAndWritesItWithTheNext()
    {
        var gate = Gate();
        var first = await AdmitAsync(gate, _key, Daily(10m), 2m);
        var second = await AdmitAsync(gate, _key, Daily(10m), 3m);
        _store.Unavailable = true;

        await gate.SettleAsync(first, 2.5m, None);

        Assert.Equal(1, gate.PendingSettlementCount);
        Assert.Equal(0m, _store.Row(_key, Day)!.Settled);
        _store.Unavailable = false;
        await gate.SettleAsync(second, 1m, None);
        Assert.Equal(0, gate.PendingSettlementCount);
        Assert.Equal(3.5m, _store.Row(_key, Day)!.Settled);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_AfterOutage_WritesPendingSettlements()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, _key, Daily(10m), 2m);
        _store.Unavailable = true;
        await gate.SettleAsync(reservation, 2m, None);
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1, gate.PendingSettlementCount);

        _store.Unavailable = false;
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(0, gate.PendingSettlementCount);
        Assert.Equal((10m, 2m, 0m), (_store.Row(_key, Day)).Totals());
    }

    [Fact]
    public async Task MaintenanceTimer_AfterOutage_WritesPendingSettlements()
    {
        var gate = Gate(options => options.MaintenanceInterval = TimeSpan.FromSeconds(10));
        var reservation = await AdmitAsync(gate, _key, Daily(10m), 2m);
        _store.Unavailable = true;
        await gate.SettleAsync(reservation, 2m, None);
        _store.Unavailable = false;

        _time.Advance(TimeSpan.FromSeconds(10));

        await WaitUntilAsync(() => gate.PendingSettlementCount == 0);
        Assert.Equal(2m, _store.Row(_key, Day)!.Settled);
    }

    [Fact]
    public async Task SettleAsync_CallerCancelled_SettlementStaysPending()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, _key, Daily(10m), 2m);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await gate.SettleAsync(reservation, 1m, cancelled.Token);

        Assert.Equal(1, gate.PendingSettlementCount);
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1m, _store.Row(_key, Day)!.Settled);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_SliceIdleLongEnough_GoesBackToTheRow()
    {
        var gate = Gate(options => (options.LeaseFraction, options.IdleLeaseTimeout) = (0.1, TimeSpan.FromSeconds(30)));
        await AdmitAsync(gate, _key, Daily(100m), 1m);

        _time.Advance(TimeSpan.FromSeconds(29));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(10m, _store.Row(_key, Day)!.Leased);

        _time.Advance(TimeSpan.FromSeconds(1));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1m, _store.Row(_key, Day)!.Leased);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_NothingIdlePendingOrDueForRenewal_NoStorage()
    {
        var gate = Gate();
        await AdmitAsync(gate, _key, Daily(10m), 1m);
        var operations = _store.Operations;

        _time.Advance(TimeSpan.FromSeconds(20));
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(operations, _store.Operations);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_ReturnedSlice_AvailableToAnotherInstance()
    {
        var first = Gate(options => options.LeaseFraction = 1.0);
        var second = Gate(options => options.LeaseFraction = 1.0);
        var reservation = await AdmitAsync(first, _key, Daily(10m), 1m);
        Assert.True((await second.TryReserveAsync(_key, Daily(10m), 1m, None)).IsRefused);
        await first.ReleaseAsync(reservation, None);

        _time.Advance(TimeSpan.FromMinutes(1));
        await first.ReturnIdleLeasesAsync(None);

        Assert.Equal(0m, _store.Row(_key, Day)!.Leased);
        await AdmitAsync(second, _key, Daily(10m), 10m);
    }

    [Fact]
    public async Task TryReserveAsync_RefusedRecently_RefusesWithoutStorageUntilStale()
    {
        var first = Gate(options => options.LeaseFraction = 1.0);
        var second = Gate(options => options.RefusalFreshness = TimeSpan.FromSeconds(2));
        var reservation = await AdmitAsync(first, _key, Daily(10m), 1m);
        Assert.True((await second.TryReserveAsync(_key, Daily(10m), 1m, None)).IsRefused);
        await first.ReleaseAsync(reservation, None);
        await first.DisposeAsync();
        var operations = _store.Operations;

        Assert.True((await second.TryReserveAsync(_key, Daily(10m), 1m, None)).IsRefused);
        Assert.Equal(operations, _store.Operations);

        _time.Advance(TimeSpan.FromSeconds(2));
        await AdmitAsync(second, _key, Daily(10m), 1m);
    }

    [Fact]
    public async Task TryReserveAsync_NextDay_NewDailyCounterWhileMonthlyContinues()
    {
        var gate = Gate();
        var limits = new KeyBudgets(5m, 8m);
        await gate.SettleAsync(await AdmitAsync(gate, _key, limits, 5m), 5m, None);
        Assert.Equal(BudgetPeriod.Daily, (await gate.TryReserveAsync(_key, limits, 1m, None)).Refusal?.Period);

        _time.Advance(TimeSpan.FromDays(1));
        await gate.SettleAsync(await AdmitAsync(gate, _key, limits, 3m), 3m, None);
        var refusal = (await gate.TryReserveAsync(_key, limits, 0.5m, None)).Refusal;

        Assert.Equal(BudgetPeriod.Monthly, refusal?.Period);
        Assert.Equal(8m, refusal?.SpentUsd);
        Assert.Equal(5m, _store.Row(_key, "d:2026-11-22")!.Settled);
        Assert.Equal(3m, _store.Row(_key, "d:2026-11-23")!.Settled);
        Assert.Equal(8m, _store.Row(_key, "m:2026-11")!.Settled);
    }

    [Fact]
    public async Task TryReserveAsync_NextMonth_NewMonthlyCounter()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        var gate = TestBudgetGates.Create(_store, time);
        var limits = new KeyBudgets(null, 5m);
        await gate.SettleAsync((await gate.TryReserveAsync(_key, limits, 5m, None)).Reservation!, 5m, None);
        Assert.True((await gate.TryReserveAsync(_key, limits, 1m, None)).IsRefused);

        time.Advance(TimeSpan.FromHours(1));

        Assert.True((await gate.TryReserveAsync(_key, limits, 5m, None)).IsAdmitted);
        Assert.Equal(5m, _store.Row(_key, "m:2026-12")!.Leased);
    }

    [Fact]
    public async Task SettleAsync_AfterMidnight_ChargesTheDayItWasReservedIn()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero));
        var gate = TestBudgetGates.Create(_store, time);
        var reservation = (await gate.TryReserveAsync(_key, Daily(10m), 2m, None)).Reservation!;

        time.Advance(TimeSpan.FromMinutes(2));
        await gate.SettleAsync(reservation, 2m, None);

        Assert.Equal((10m, 2m, 0m), (_store.Row(_key, "d:2026-11-22")).Totals());
        Assert.Null(_store.Row(_key, "d:2026-11-23"));
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_PeriodEnded_ReturnsSliceAndForgetsPeriod()
    {
        var gate = Gate(options => options.LeaseFraction = 0.5);
        await gate.ReleaseAsync(await AdmitAsync(gate, _key, Daily(10m), 1m), None);
        Assert.Equal(5m, _store.Row(_key, Day)!.Leased);

        _time.Advance(TimeSpan.FromDays(1));
        await gate.ReturnIdleLeasesAsync(None);
        var operations = _store.Operations;
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(0m, _store.Row(_key, Day)!.Leased);
        Assert.Equal(operations, _store.Operations);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_ReservationNeverCompleted_SettledAtEstimateAfterTimeout()
    {
        var gate = Gate(options => options.ReservationTimeout = TimeSpan.FromHours(1));
        var leaked = await AdmitAsync(gate, _key, Daily(10m), 2m);
        var settledInTime = await AdmitAsync(gate, _key, Daily(10m), 3m);
        await gate.SettleAsync(settledInTime, 1m, None);

        _time.Advance(TimeSpan.FromMinutes(59));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.False(leaked.IsCompleted);

        _time.Advance(TimeSpan.FromMinutes(1));
        await gate.ReturnIdleLeasesAsync(None);
        await gate.SettleAsync(leaked, 0.5m, None);

        Assert.True(leaked.IsCompleted);
        Assert.Equal((10m, 3m, 0m), (_store.Row(_key, Day)).Totals());
    }

    [Fact]
    public async Task DisposeAsync_UnusedSlices_GoBackToTheRow()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        await AdmitAsync(gate, _key, Daily(100m), 1m);

        await gate.DisposeAsync();

        Assert.Equal(1m, _store.Row(_key, Day)!.Leased);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
