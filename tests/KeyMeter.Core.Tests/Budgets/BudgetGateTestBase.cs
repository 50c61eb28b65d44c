using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>
/// What every <see cref="BudgetGate"/> test starts from: one key, an in-memory counter store, a clock stopped at 09:30
/// on 22 November 2026, and gates over them with the maintenance timer off unless a test turns it on.
/// </summary>
public abstract class BudgetGateTestBase
{
    private protected const string Day = "d:2026-11-22";
    private protected const string Month = "m:2026-11";
    private protected static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private protected static readonly CancellationToken None = CancellationToken.None;

    private protected ManualTimeProvider Time { get; } = new(Now);

    private protected InMemoryBudgetCounterStore Store { get; } = new();

    private protected string Key { get; } = KeyId.New();

    private protected static KeyBudgets Daily(decimal limit) => new(limit, null);

    /// <summary>A gate over <see cref="Store"/> on <paramref name="time"/> (<see cref="Time"/> when absent).</summary>
    private protected BudgetGate Gate(Action<BudgetGateOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new BudgetGateOptions { MaintenanceInterval = TimeSpan.Zero };
        configure?.Invoke(options);
        return new BudgetGate(Store, Options.Create(options), time ?? Time, NullLogger<BudgetGate>.Instance);
    }

    private protected static async Task<BudgetReservation> AdmitAsync(BudgetGate gate, string key, KeyBudgets limits, decimal estimate)
    {
        var decision = await gate.TryReserveAsync(key, limits, estimate, None);
        Assert.True(decision.IsAdmitted, $"Expected ${estimate} to be admitted, got {decision.Outcome}.");
        return decision.Reservation;
    }

    private protected static async Task<BudgetRefusal> RefuseAsync(BudgetGate gate, string key, KeyBudgets limits, decimal estimate)
    {
        var decision = await gate.TryReserveAsync(key, limits, estimate, None);
        Assert.True(decision.IsRefused, $"Expected ${estimate} to be refused, got {decision.Outcome}.");
        return decision.Refusal;
    }
}
