namespace KeyMeter.Core.Budgets;

/// <summary>What <see cref="BudgetGate.TryReserveAsync"/> decided.</summary>
public enum BudgetOutcome
{
    /// <summary>Every budget of the key had room; the estimate is reserved.</summary>
    Admitted,

    /// <summary>A budget is spent or reserved up to its limit (HTTP 429 until it resets).</summary>
    Refused,

    /// <summary>The shared counters could not be reached and the local lease was short (HTTP 503): budgets fail closed.</summary>
    Unavailable,
}
