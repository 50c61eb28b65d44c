using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>
/// The hard-block guarantee under concurrency (README, Architecture; BerriAI/litellm#34732 is the failure it rules
/// out): concurrent requests on one or several instances never reserve more than a budget has left.
/// </summary>
public sealed class BudgetGateConcurrencyTests : BudgetGateTestBase
{
    public BudgetGateConcurrencyTests() => Store.Yield = true;

    private static Task<BudgetDecision[]> ReserveConcurrentlyAsync(BudgetGate[] gates, string key, KeyBudgets limits, decimal[] estimates) =>
        Task.WhenAll(estimates.Select((estimate, i) => Task.Run(async () => await gates[i % gates.Length].TryReserveAsync(key, limits, estimate, None))));

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public async Task TryReserveAsync_FiftyConcurrentWithThreeDollarsLeft_AdmitsExactlyThree(double leaseFraction)
    {
        Store.Seed(Key, Day, Counters.Of(10m, 7m, 0m));
        var gate = Gate(options => options.LeaseFraction = leaseFraction);

        var decisions = await ReserveConcurrentlyAsync([gate], Key, Daily(10m), [.. Enumerable.Repeat(1m, 50)]);

        Assert.Equal(3, decisions.Count(decision => decision.IsAdmitted));
        Assert.Equal(47, decisions.Count(decision => decision.IsRefused));
        Assert.Equal((10m, 7m, 3m), (Store.Row(Key, Day)).Totals());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public async Task TryReserveAsync_TwoInstancesConcurrently_TogetherAdmitExactlyTheLimit(double leaseFraction)
    {
        var gates = new[]
        {
            Gate(options => options.LeaseFraction = leaseFraction),
            Gate(options => options.LeaseFraction = leaseFraction),
        };

        var decisions = await ReserveConcurrentlyAsync(gates, Key, Daily(10m), [.. Enumerable.Repeat(1m, 100)]);

        Assert.Equal(10, decisions.Count(decision => decision.IsAdmitted));
        Assert.Equal((10m, 0m, 10m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task TryReserveAsync_SliceRemaindersOnTwoInstances_RefusalGivesBackSoTheyCombine()
    {
        // Slices of 2.5 for $1 requests leave 0.5 on each instance and nothing in the row.
        var first = Gate(options => options.LeaseFraction = 0.5);
        var second = Gate(options => options.LeaseFraction = 0.5);
        foreach (var gate in new[] { first, first, second, second })
        {
            Assert.True((await gate.TryReserveAsync(Key, Daily(5m), 1m, None)).IsAdmitted);
        }

        Assert.True((await first.TryReserveAsync(Key, Daily(5m), 1m, None)).IsRefused);

        Assert.Equal((5m, 0m, 4.5m), (Store.Row(Key, Day)).Totals());
        Assert.True((await second.TryReserveAsync(Key, Daily(5m), 1m, None)).IsAdmitted);
        Assert.Equal((5m, 0m, 5m), (Store.Row(Key, Day)).Totals());
    }

    [Fact]
    public async Task TryReserveAsync_RandomEstimatesOnTwoInstances_AdmittedEstimatesNeverExceedLimit()
    {
        var random = new Random(20261122);
        var gates = new[] { Gate(), Gate() };
        var estimates = Enumerable.Range(0, 200).Select(_ => random.Next(1, 300) / 100m).ToArray();

        var decisions = await ReserveConcurrentlyAsync(gates, Key, Daily(50m), estimates);

        var admitted = decisions.Where(decision => decision.IsAdmitted).Select(decision => decision.Reservation!).ToArray();
        // At most the limit; at least the limit less what can be left over: less than one request on each instance and in the row.
        Assert.InRange(admitted.Sum(reservation => reservation.ReservedUsd), 50m - (3 * 2.99m), 50m);
        Assert.Contains(decisions, decision => decision.IsRefused);
    }

    [Fact]
    public async Task SettleAsync_ConcurrentlyOnTwoInstances_CountersEndExact()
    {
        var random = new Random(7);
        var gates = new[] { Gate(), Gate() };
        var estimates = Enumerable.Range(0, 120).Select(_ => random.Next(1, 200) / 100m).ToArray();
        var decisions = await ReserveConcurrentlyAsync(gates, Key, Daily(40m), estimates);
        var admitted = decisions.Where(decision => decision.IsAdmitted).Select(decision => decision.Reservation!).ToArray();
        // Actual cost between half and one and a half times the estimate; every fourth request fails and is released.
        var actuals = admitted.Select(reservation => Math.Round(reservation.ReservedUsd * random.Next(50, 151) / 100m, 6)).ToArray();

        await Task.WhenAll(admitted.Select((reservation, i) => Task.Run(async () =>
        {
            var gate = reservation.Issuer;
            if (i % 4 == 3)
            {
                await gate.ReleaseAsync(reservation, None);
            }
            else
            {
                await gate.SettleAsync(reservation, actuals[i], None);
            }
        })));
        Time.Advance(TimeSpan.FromMinutes(1));
        foreach (var gate in gates)
        {
            await gate.ReturnIdleLeasesAsync(None);
        }

        var settled = actuals.Where((_, i) => i % 4 != 3).Sum();
        var overruns = admitted.Select((reservation, i) => i % 4 == 3 ? 0m : Math.Max(0m, actuals[i] - reservation.ReservedUsd)).Sum();
        var row = Store.Row(Key, Day)!;
        Assert.Equal(settled, row.Settled);
        Assert.Equal(0m, row.Leased);
        Assert.True(row.Settled <= 40m + overruns, $"Settled {row.Settled} passed the limit by more than the overruns {overruns}.");
        Assert.All(gates, gate => Assert.Equal(0, gate.PendingSettlementCount));
    }

    [Fact]
    public async Task ReserveAndSettle_InterleavedOnTwoInstances_NoOvershootWhenCostsStayWithinEstimates()
    {
        var gates = new[] { Gate(), Gate() };
        var settled = new decimal[300];

        await Task.WhenAll(Enumerable.Range(0, settled.Length).Select(i => Task.Run(async () =>
        {
            var random = new Random(i);
            var gate = gates[i % 2];
            var decision = await gate.TryReserveAsync(Key, Daily(30m), random.Next(1, 200) / 100m, None);
            if (!decision.IsAdmitted)
            {
                return;
            }

            await Task.Yield();
            if (i % 5 == 0)
            {
                await gate.ReleaseAsync(decision.Reservation, None);
                return;
            }

            settled[i] = Math.Round(decision.Reservation.ReservedUsd * random.Next(0, 101) / 100m, 4);
            await gate.SettleAsync(decision.Reservation, settled[i], None);
        })));
        Time.Advance(TimeSpan.FromMinutes(1));
        foreach (var gate in gates)
        {
            await gate.ReturnIdleLeasesAsync(None);
        }

        var row = Store.Row(Key, Day)!;
        Assert.Equal(settled.Sum(), row.Settled);
        Assert.Equal(0m, row.Leased);
        Assert.InRange(row.Settled, 1m, 30m);
    }

    [Fact]
    public async Task SettleAsync_EveryInFlightRequestOverruns_OvershootIsExactlyTheOverrunsThenBlocked()
    {
        var gate = Gate();
        var decisions = await ReserveConcurrentlyAsync([gate], Key, Daily(10m), [.. Enumerable.Repeat(2m, 6)]);
        var admitted = decisions.Where(decision => decision.IsAdmitted).Select(decision => decision.Reservation!).ToArray();
        Assert.Equal(5, admitted.Length);

        await Task.WhenAll(admitted.Select(reservation => gate.SettleAsync(reservation, 3m, None).AsTask()));

        // Overshoot: 5 requests in flight, each $1 above its estimate.
        Assert.Equal((10m, 15m, 0m), (Store.Row(Key, Day)).Totals());
        var refusal = (await gate.TryReserveAsync(Key, Daily(10m), 0m, None)).Refusal;
        Assert.NotNull(refusal);
        Assert.Equal(15m, refusal.SpentUsd);
    }
}
