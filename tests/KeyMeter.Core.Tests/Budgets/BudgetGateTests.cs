using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Budgets;

public sealed class BudgetGateTests : BudgetGateTestBase
{
    [Fact]
    public async Task TryReserveAsync_KeyWithoutBudgets_AdmitsWithoutStorage()
    {
        var gate = Gate();

        var first = await AdmitAsync(gate, Key, KeyBudgets.Unlimited, 1_000m);
        var second = await AdmitAsync(gate, Key, KeyBudgets.Unlimited, 1_000m);
        await gate.SettleAsync(first, 5_000m, None);
        await gate.ReleaseAsync(second, None);
        await gate.ReturnIdleLeasesAsync(None);

        Assert.Equal(0, Store.Operations);
        Assert.Empty(first.Windows);
        Assert.Equal(0m, first.ReservedUsd);
    }

    [Fact]
    public async Task TryReserveAsync_WithinLeasedSlice_NoStorageRoundTrip()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        await AdmitAsync(gate, Key, Daily(100m), 1m);
        var afterFirstLease = Store.Operations;

        for (var i = 0; i < 9; i++)
        {
            var decision = gate.TryReserveAsync(Key, Daily(100m), 1m, None);
            Assert.True(decision.IsCompletedSuccessfully);
            Assert.True((await decision).IsAdmitted);
        }

        Assert.Equal(afterFirstLease, Store.Operations);
        Assert.Equal((100m, 0m, 10m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task TryReserveAsync_SliceUsedUp_LeasesAnother()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        for (var i = 0; i < 11; i++)
        {
            await AdmitAsync(gate, Key, Daily(100m), 1m);
        }

        Assert.Equal((100m, 0m, 20m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task TryReserveAsync_DailySpent_RefusalNamesBudgetSpentAndReset()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 9.5m);
        await gate.SettleAsync(reservation, 9.5m, None);

        var refusal = await RefuseAsync(gate, Key, Daily(10m), 1m);

        Assert.Equal(BudgetPeriod.Daily, refusal.Period);
        Assert.Equal(10m, refusal.LimitUsd);
        Assert.Equal(9.5m, refusal.SpentUsd);
        Assert.Equal(0m, refusal.ReservedUsd);
        Assert.Equal(9.5m, refusal.UsedUsd);
        Assert.Equal(1m, refusal.EstimateUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), refusal.ResetsAt);
    }

    [Fact]
    public async Task TryReserveAsync_InFlightReservations_CountAsReserved()
    {
        var gate = Gate();
        await AdmitAsync(gate, Key, Daily(10m), 6m);

        var refusal = await RefuseAsync(gate, Key, Daily(10m), 5m);

        Assert.Equal(0m, refusal.SpentUsd);
        Assert.Equal(6m, refusal.ReservedUsd);
        await AdmitAsync(gate, Key, Daily(10m), 4m);
    }

    [Theory]
    [InlineData(2.0, 100.0, BudgetPeriod.Daily)]
    [InlineData(100.0, 2.0, BudgetPeriod.Monthly)]
    [InlineData(2.0, 2.0, BudgetPeriod.Daily)]
    public async Task TryReserveAsync_BothBudgets_TighterOneRefuses(double daily, double monthly, BudgetPeriod refusing)
    {
        var gate = Gate();
        var limits = new KeyBudgets((decimal)daily, (decimal)monthly);

        var refusal = await RefuseAsync(gate, Key, limits, 3m);

        Assert.Equal(refusing, refusal.Period);
        Assert.Equal(2m, refusal.LimitUsd);
        var expectedReset = refusing == BudgetPeriod.Daily
            ? new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expectedReset, refusal.ResetsAt);
        await AdmitAsync(gate, Key, limits, 2m);
    }

    [Fact]
    public async Task TryReserveAsync_MonthlyRefuses_DailyReservationRolledBack()
    {
        Store.Seed(Key, Month, Counters.Of(10m, 9.5m, 0m));
        var gate = Gate(options => options.LeaseFraction = 0.1);

        var refusal = await RefuseAsync(gate, Key, new KeyBudgets(100m, 10m), 1m);
        var operations = Store.Operations;

        Assert.Equal(BudgetPeriod.Monthly, refusal.Period);
        Assert.Equal(9.5m, refusal.SpentUsd);
        // The daily slice (10) was leased for the refused request; all of it is still there for the next one.
        await AdmitAsync(gate, Key, Daily(100m), 10m);
        Assert.Equal(operations, Store.Operations);
    }

    [Fact]
    public async Task SettleAsync_BelowEstimate_FreesTheDifference()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 4m);

        await gate.SettleAsync(reservation, 1.5m, None);

        Assert.Equal(1.5m, Store.Row(Key, Day)!.Settled);
        await AdmitAsync(gate, Key, Daily(10m), 8.5m);
        await RefuseAsync(gate, Key, Daily(10m), 0.01m);
        Assert.Equal((10m, 1.5m, 8.5m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task SettleAsync_AboveEstimate_ChargesTheDifference()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 4m);

        await gate.SettleAsync(reservation, 6m, None);

        Assert.Equal((10m, 6m, 0m), (Store.Row(Key, Day)).Totals());
        await AdmitAsync(gate, Key, Daily(10m), 4m);
        await RefuseAsync(gate, Key, Daily(10m), 0.01m);
    }

    [Fact]
    public async Task SettleAsync_AboveEstimate_OverrunPaidFromUnusedSlice()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        var reservation = await AdmitAsync(gate, Key, Daily(100m), 4m);

        await gate.SettleAsync(reservation, 7m, None);

        // Slice 10: 4 reserved and 6 unused; the 3 over the estimate come out of the unused 6.
        Assert.Equal((100m, 7m, 3m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task SettleAsync_CostUnknown_SettlesAtEstimate()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 2.25m);

        await gate.SettleAsync(reservation, null, None);

        Assert.Equal(2.25m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task SettleAsync_SecondCall_IsNoOp()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 3m);
        await gate.SettleAsync(reservation, 3m, None);
        var writes = Store.Writes;

        await gate.SettleAsync(reservation, 3m, None);
        await gate.ReleaseAsync(reservation, None);

        Assert.True(reservation.IsCompleted);
        Assert.Equal(writes, Store.Writes);
        Assert.Equal((10m, 3m, 0m), (Store.Row(Key, Day)).Totals());
        await RefuseAsync(gate, Key, Daily(10m), 7.01m);
    }

    [Fact]
    public async Task SettleAsync_ConcurrentCallsOnOneReservation_SettleOnce()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 3m);
        Store.Yield = true;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await gate.SettleAsync(reservation, 3m, None))));

        Assert.Equal(3m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task ReleaseAsync_ReturnsTheMoneyWithoutStorage()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(5m), 5m);
        await RefuseAsync(gate, Key, Daily(5m), 1m);
        var operations = Store.Operations;

        await gate.ReleaseAsync(reservation, None);

        Assert.Equal(operations, Store.Operations);
        await AdmitAsync(gate, Key, Daily(5m), 5m);
        Assert.Equal(0m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task ReleaseAsync_SecondCall_DoesNotReturnTwice()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(5m), 3m);

        await gate.ReleaseAsync(reservation, None);
        await gate.ReleaseAsync(reservation, None);

        await AdmitAsync(gate, Key, Daily(5m), 5m);
        await RefuseAsync(gate, Key, Daily(5m), 0.01m);
    }

    [Fact]
    public async Task TryReserveAsync_ZeroEstimateOnSpentBudget_Refused()
    {
        var gate = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(5m), 5m);
        await gate.SettleAsync(reservation, 5m, None);

        await RefuseAsync(gate, Key, Daily(5m), 0m);
    }

    [Fact]
    public async Task TryReserveAsync_ZeroLimit_Refused()
    {
        var gate = Gate();

        var refusal = await RefuseAsync(gate, Key, Daily(0m), 0.5m);

        Assert.Equal(0m, refusal.LimitUsd);
    }

    [Fact]
    public async Task TryReserveAsync_LimitLowered_RefusesAndStoresNewLimit()
    {
        var gate = Gate(options => options.LeaseFraction = 0.1);
        await AdmitAsync(gate, Key, Daily(10m), 2m);

        var refusal = await RefuseAsync(gate, Key, Daily(3m), 2m);

        Assert.Equal(3m, refusal.LimitUsd);
        Assert.Equal(2m, refusal.ReservedUsd);
        Assert.Equal(3m, Store.Row(Key, Day)!.Limit);
        await AdmitAsync(gate, Key, Daily(3m), 1m);
        await AdmitAsync(gate, Key, Daily(20m), 15m);
        Assert.Equal(20m, Store.Row(Key, Day)!.Limit);
    }

    [Fact]
    public async Task TryReserveAsync_OtherWritersAhead_RetriesAndAdmits()
    {
        var gate = Gate();
        Store.ConcurrentWritersAhead = 3;
        Store.Seed(Key, Day, Counters.Of(10m, 4m, 0m));

        await AdmitAsync(gate, Key, Daily(10m), 6m);

        Assert.Equal((10m, 4m, 6m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task TryReserveAsync_WritersAheadBeyondAttempts_UnavailableAndNothingHeld()
    {
        var gate = Gate(options => options.MaxStorageAttempts = 3);
        Store.Seed(Key, Day, Counters.Of(10m, 0m, 0m));
        Store.ConcurrentWritersAhead = 10;

        var decision = await gate.TryReserveAsync(Key, Daily(10m), 1m, None);

        Assert.Equal(BudgetOutcome.Unavailable, decision.Outcome);
        Assert.Null(decision.Reservation);
        Store.ConcurrentWritersAhead = 0;
        await AdmitAsync(gate, Key, Daily(10m), 10m);
    }

    [Fact]
    public async Task TryReserveAsync_StorageDown_UnavailableAndNothingHeld()
    {
        var gate = Gate();
        Store.Unavailable = true;

        var decision = await gate.TryReserveAsync(Key, new KeyBudgets(10m, 10m), 1m, None);

        Assert.Equal(BudgetOutcome.Unavailable, decision.Outcome);
        Store.Unavailable = false;
        await AdmitAsync(gate, Key, new KeyBudgets(10m, 10m), 10m);
    }

    [Fact]
    public async Task TryReserveAsync_StorageDownButSliceLeft_AdmitsFromSlice()
    {
        var gate = Gate(options => options.LeaseFraction = 0.5);
        await AdmitAsync(gate, Key, Daily(10m), 1m);
        Store.Unavailable = true;

        await AdmitAsync(gate, Key, Daily(10m), 4m);

        Assert.Equal(BudgetOutcome.Unavailable, (await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).Outcome);
    }

    [Fact]
    public async Task TryReserveAsync_Cancelled_ThrowsAndHoldsNothing()
    {
        var gate = Gate();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.TryReserveAsync(Key, new KeyBudgets(10m, 10m), 1m, cancelled.Token).AsTask());

        await AdmitAsync(gate, Key, new KeyBudgets(10m, 10m), 10m);
    }

    [Fact]
    public async Task TryReserveAsync_BadArguments_Throw()
    {
        var gate = Gate();

        await Assert.ThrowsAsync<ArgumentException>(() => gate.TryReserveAsync("alice", Daily(10m), 1m, None).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => gate.TryReserveAsync(Key, Daily(10m), -1m, None).AsTask());
    }

    [Fact]
    public async Task SettleAsync_BadArguments_Throw()
    {
        var gate = Gate();
        var other = Gate();
        var reservation = await AdmitAsync(gate, Key, Daily(10m), 1m);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => gate.SettleAsync(reservation, -0.01m, None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => other.SettleAsync(reservation, 1m, None).AsTask());
        Assert.False(reservation.IsCompleted);
    }
}
