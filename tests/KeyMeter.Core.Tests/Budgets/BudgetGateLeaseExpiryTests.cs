using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>
/// Holdings carry an owner and an expiry: a dead instance's slices come back, a live one keeps renewing its own, and an
/// instance never admits from a slice it could no longer prove it holds (finding 8 of the hardening probe).
/// </summary>
public sealed class BudgetGateLeaseExpiryTests : BudgetGateTestBase
{
    [Fact]
    public async Task CrashedInstance_ItsSlicesAreReclaimedOnceItsHoldingExpires()
    {
        var crashed = Gate(options => options.LeaseFraction = 0.5);
        var survivor = Gate(options => options.LeaseFraction = 0.5);
        Assert.True((await crashed.TryReserveAsync(Key, Daily(10m), 4m, None)).IsAdmitted);
        Assert.True((await survivor.TryReserveAsync(Key, Daily(10m), 4m, None)).IsAdmitted);

        // The crashed instance holds 5 of the 10 and will never settle or give back anything.
        Assert.True((await survivor.TryReserveAsync(Key, Daily(10m), 2m, None)).IsRefused);
        Time.Advance(TimeSpan.FromSeconds(61));

        Assert.True((await survivor.TryReserveAsync(Key, Daily(10m), 2m, None)).IsAdmitted);
        var row = Store.Row(Key, Day)!;
        Assert.DoesNotContain(row.Holders, holder => holder.Owner == crashed.Owner);
        Assert.Equal(survivor.Owner, Assert.Single(row.Holders).Owner);
    }

    [Fact]
    public async Task LiveInstance_LongCall_RenewsItsHoldingSoNobodyReclaimsIt()
    {
        var holder = Gate(options => options.LeaseFraction = 1.0);
        var other = Gate();
        var reservation = (await holder.TryReserveAsync(Key, Daily(10m), 9m, None)).Reservation!;

        for (var i = 0; i < 12; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(10));
            await holder.ReturnIdleLeasesAsync(None);
        }

        Assert.True((await other.TryReserveAsync(Key, Daily(10m), 2m, None)).IsRefused);
        var held = Assert.Single(Store.Row(Key, Day)!.Holders);
        Assert.Equal(holder.Owner, held.Owner);
        Assert.True(held.ExpiresAt > Time.GetUtcNow());
        await holder.SettleAsync(reservation, 9m, None);
        Assert.Equal(9m, Store.Row(Key, Day)!.Settled);
    }

    [Fact]
    public async Task HoldingNotRenewed_InstanceStopsAdmittingFromItsSliceBeforeItCanBeReclaimed()
    {
        var gate = Gate(options => options.LeaseFraction = 1.0);
        Assert.True((await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).IsAdmitted);
        Store.Unavailable = true;

        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).IsAdmitted);

        // Three quarters of the holding's life gone without a renewal: the slice may soon be taken, so it is not used.
        Time.Advance(TimeSpan.FromSeconds(26));
        Assert.Equal(BudgetOutcome.Unavailable, (await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).Outcome);
    }

    [Fact]
    public async Task StorageStopsAnswering_ReservationIsUnavailableWithinTheStorageTimeout()
    {
        var gate = Gate(options => options.StorageTimeout = TimeSpan.FromMilliseconds(100));
        Assert.True((await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).IsAdmitted);
        Store.Hangs = true;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var decision = await gate.TryReserveAsync(Key, Daily(10m), 5m, None);

        Assert.Equal(BudgetOutcome.Unavailable, decision.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task Settle_ReturnsAtOnceAndWritesInTheBackground()
    {
        var gate = Gate();
        var reservation = (await gate.TryReserveAsync(Key, Daily(10m), 1m, None)).Reservation!;

        gate.Settle(reservation, 0.75m);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Store.Row(Key, Day)!.Settled != 0.75m)
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.Equal(0, gate.PendingSettlementCount);
    }

    [Fact]
    public async Task Owner_IsAStorableIdUniquePerGate()
    {
        await using var first = Gate();
        await using var second = Gate();

        Assert.True(LeaseHolding.IsOwnerId(first.Owner));
        Assert.NotEqual(first.Owner, second.Owner);
    }
}
