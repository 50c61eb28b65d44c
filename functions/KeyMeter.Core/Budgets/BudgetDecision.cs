using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Budgets;

/// <summary>The answer of <see cref="BudgetGate.TryReserveAsync"/>: a reservation, a refusal, or "unavailable".</summary>
public readonly record struct BudgetDecision
{
    private BudgetDecision(BudgetOutcome outcome, BudgetReservation? reservation, BudgetRefusal? refusal)
    {
        Outcome = outcome;
        Reservation = reservation;
        Refusal = refusal;
    }

    public BudgetOutcome Outcome { get; }

    /// <summary>Set when admitted: settle or release it exactly once when the request ends.</summary>
    public BudgetReservation? Reservation { get; }

    /// <summary>Set when refused.</summary>
    public BudgetRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Reservation))]
    public bool IsAdmitted => Outcome == BudgetOutcome.Admitted;

    [MemberNotNullWhen(true, nameof(Refusal))]
    public bool IsRefused => Outcome == BudgetOutcome.Refused;

    public static BudgetDecision Admit(BudgetReservation reservation) =>
        new(BudgetOutcome.Admitted, reservation ?? throw new ArgumentNullException(nameof(reservation)), null);

    public static BudgetDecision Refuse(BudgetRefusal refusal) =>
        new(BudgetOutcome.Refused, null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    public static BudgetDecision Unavailable { get; } = new(BudgetOutcome.Unavailable, null, null);
}
