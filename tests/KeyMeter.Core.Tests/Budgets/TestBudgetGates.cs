using KeyMeter.Core.Budgets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>Gates for tests: maintenance timer off unless a test turns it on, everything else at its default.</summary>
internal static class TestBudgetGates
{
    public static BudgetGate Create(IBudgetCounterStore store, TimeProvider time, Action<BudgetGateOptions>? configure = null)
    {
        var options = new BudgetGateOptions { MaintenanceInterval = TimeSpan.Zero };
        configure?.Invoke(options);
        return new BudgetGate(store, Options.Create(options), time, NullLogger<BudgetGate>.Instance);
    }
}
