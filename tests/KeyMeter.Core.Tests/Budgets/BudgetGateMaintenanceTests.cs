using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>Settlement writes that fail, slices that go idle, and periods that end.</summary>
public sealed class BudgetGateMaintenanceTests : BudgetGateTestBase
{
    [Fact]
    public async Task SettleAsync_StorageDown_KeepsSettlementAndWritesItWithTheNext()
    {
        var gate = Gate();
        var first = await AdmitAsync(gate, Key, Daily(10m), 2m);
        var second = await AdmitAsync(gate, Key, Daily(10m), 3m);
        Store.Unavailable = true;

        await gate.SettleAsync(first, 2.5m, None);

        Assert.Equal(1, gate.PendingSettlementCount);
        Assert.Equal(0m, Store.Row(Key, Day)!.Settled);
        Store.Unavailable = false;
        await gate.SettleAsync(second, 1m, None);
        Assert.Equal(0, gate.PendingSettlementCount);
        Assert.Equal(3.5m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_AfterOutage_WritesPendingSettlements()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 2m);
        Store.Unavailable = true;
        await gate.SettleAsync(reservation, 2m, None);
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1, gate.PendingSettlementCount);

        Store.Unavailable = false;
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(0, gate.PendingSettlementCount);
        Assert.Equal((10m, 2m, 0m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task MaintenanceTimer_AfterOutage_WritesPendingSettlements()
    {
        var gate = Gate(options => options.MaintenanceInterval = TimeSpan.FromSeconds(10));
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 2m);
        Store.Unavailable = true;
        await gate.SettleAsync(reservation, 2m, None);
        Store.Unavailable = false;

        Time.Advance(TimeSpan.FromSeconds(10));

        await WaitUntilAsync(() => gate.PendingSettlementCount == 0);
        Assert.Equal(2m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task SettleAsync_CallerCancelled_SettlementStaysPending()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 2m);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await gate.SettleAsync(reservation, 1m, cancelled.Token);

        Assert.Equal(1, gate.PendingSettlementCount);
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_SliceIdleLongEnough_GoesBackToTheRow()
    {
        var gate = Gate(options => (options.LeaseFraction, options.IdleLeaseTimeout) = (0.1, TimeSpan.FromSeconds(30)));
        await AdmitAsync(gate, Key, Daily(100m), 1m);

        Time.Advance(TimeSpan.FromSeconds(29));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(10m, Store.Row(Key, Day)!.Leased);

        Time.Advance(TimeSpan.FromSeconds(1));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.Equal(1m, Store.Row(Key, Day)!.Leased);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_NothingIdlePendingOrDueForRenewal_NoStorage()
    {
        var gate = Gate();
        await AdmitAsync(gate, Key, Daily(10m), 1m);
        var operations = Store.Operations;

        Time.Advance(TimeSpan.FromSeconds(20));
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(operations, Store.Operations);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_ReturnedSlice_AvailableToAnotherInstance()
    {
        var first = Gate(options => options.LeaseFraction = 1.0);
        var second = Gate(options => options.LeaseFraction = 1.0);
        var reservation = await AdmitAsync(first, Key, Daily(10m), 1m);
        Assert.True((await second.TryReserveAsync(Key, Daily(10m), 1m, None)).IsRefused);
        await first.ReleaseAsync(reservation, None);

        Time.Advance(TimeSpan.FromMinutes(1));
        await first.ReturnIdleLeasesAsync(None);

        Assert.Equal(0m, Store.Row(Key, Day)!.Leased);
        await AdmitAsync(second, Key, Daily(10m), 10m);
    }

    [Fact]
    public async Task TryReserveAsync_RefusedRecently_RefusesWithoutStorageUntilStale()
    {
        var first = Gate(options => options.LeaseFraction = 1.0);
        var second = Gate(options => options.RefusalFreshness = TimeSpan.FromSeconds(2));
        var reservation = await AdmitAsync(first, Key, Daily(10m), 1m);
        Assert.True((await second.TryReserveAsync(Key, Daily(10m), 1m, None)).IsRefused);
        await first.ReleaseAsync(reservation, None);
        await first.DisposeAsync();
        var operations = Store.Operations;

        Assert.True((await second.TryReserveAsync(Key, Daily(10m), 1m, None)).IsRefused);
        Assert.Equal(operations, Store.Operations);

        Time.Advance(TimeSpan.FromSeconds(2));
        await AdmitAsync(second, Key, Daily(10m), 1m);
    }

    [Fact]
    public async Task TryReserveAsync_NextDay_NewDailyCounterWhileMonthlyContinues()
    {
        var gate = Gate();
        var limits = new KeyBudgets(5m, 8m);
        await gate.SettleAsync(await AdmitAsync(gate, Key, limits, 5m), 5m, None);
        Assert.Equal(BudgetPeriod.Daily, (await gate.TryReserveAsync(Key, limits, 1m, None)).Refusal?.Period);

        Time.Advance(TimeSpan.FromDays(1));
        await gate.SettleAsync(await AdmitAsync(gate, Key, limits, 3m), 3m, None);
        var refusal = (await gate.TryReserveAsync(Key, limits, 0.5m, None)).Refusal;

        Assert.Equal(BudgetPeriod.Monthly, refusal?.Period);
        Assert.Equal(8m, refusal?.SpentUsd);
        Assert.Equal(5m, Store.Row(Key, "d:2026-11-22")!.Settled);
        Assert.Equal(3m, Store.Row(Key, "d:2026-11-23")!.Settled);
        Assert.Equal(8m, Store.Row(Key, "m:2026-11")!.Settled);
    }

    [Fact]
    public async Task TryReserveAsync_NextMonth_NewMonthlyCounter()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        var gate = Gate(time: time);
        var limits = new KeyBudgets(null, 5m);
        await gate.SettleAsync((await gate.TryReserveAsync(Key, limits, 5m, None)).Reservation!, 5m, None);
        Assert.True((await gate.TryReserveAsync(Key, limits, 1m, None)).IsRefused);

        time.Advance(TimeSpan.FromHours(1));

        Assert.True((await gate.TryReserveAsync(Key, limits, 5m, None)).IsAdmitted);
        Assert.Equal(5m, Store.Row(Key, "m:2026-12")!.Leased);
    }

    [Fact]
    public async Task SettleAsync_AfterMidnight_ChargesTheDayItWasReservedIn()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero));
        var gate = Gate(time: time);
        var reservation = (await gate.TryReserveAsync(Key, Daily(10m), 2m, None)).Reservation!;

        time.Advance(TimeSpan.FromMinutes(2));
        await gate.SettleAsync(reservation, 2m, None);

        Assert.Equal((10m, 2m, 0m), (Store.Row(Key, "d:2026-11-22")).Totals());
        Assert.Null(Store.Row(Key, "d:2026-11-23"));
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_PeriodEnded_ReturnsSliceAndForgetsPeriod()
    {
        var gate = Gate(options => options.LeaseFraction = 0.5);
        await gate.ReleaseAsync(await AdmitAsync(gate, Key, Daily(10m), 1m), None);
        Assert.Equal(5m, Store.Row(Key, Day)!.Leased);

        Time.Advance(TimeSpan.FromDays(1));
        await gate.ReturnIdleLeasesAsync(None);
        var operations = Store.Operations;
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(0m, Store.Row(Key, Day)!.Leased);
        Assert.Equal(operations, Store.Operations);
    }

    [Fact]
    public async Task ReturnIdleLeasesAsync_ReservationNeverCompleted_SettledAtEstimateAfterTimeout()
    {
        var gate = Gate(options => options.ReservationTimeout = TimeSpan.FromHours(1));
        var leaked = await AdmitAsync(gate, Key, Daily(10m), 2m);
        var settledInTime = await AdmitAsync(gate, Key, Daily(10m), 3m);
        await gate.SettleAsync(settledInTime, 1m, None);

        Time.Advance(TimeSpan.FromMinutes(59));
        await gate.ReturnIdleLeasesAsync(None);
        Assert.False(leaked.IsCompleted);

        Time.Advance(TimeSpan.FromMinutes(1));
        await gate.ReturnIdleLeasesAsync(None);
        await gate.SettleAsync(leaked, 0.5m, None);

        Assert.True(leaked.IsCompleted);
        Assert.Equal((10m, 3m, 0m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task DisposeAsync_UnusedSlices_GoBackToTheRow()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        await AdmitAsync(gate, Key, Daily(100m), 1m);

        await gate.DisposeAsync();

        Assert.Equal(1m, Store.Row(Key, Day)!.Leased);
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
