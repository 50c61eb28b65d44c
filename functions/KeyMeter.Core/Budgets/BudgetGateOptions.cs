using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Budgets;

/// <summary>How <see cref="BudgetGate"/> leases budget from the shared counters (DESIGN.md invariant 7).</summary>
public sealed class BudgetGateOptions
{
    public const string SectionName = "Budgets";

    /// <summary>
    /// Share of a budget's limit an instance leases at once (never less than the request needs). Larger slices mean
    /// fewer storage writes; smaller ones leave less unused budget parked on an idle instance.
    /// </summary>
    [Range(0.001, 1.0)]
    public double LeaseFraction { get; set; } = 0.1;

    /// <summary>Least amount held per request, so that a zero estimate cannot pass a budget that is used up.</summary>
    [Range(typeof(decimal), "0.000001", "1")]
    public decimal MinimumReservationUsd { get; set; } = 0.0001m;

    /// <summary>An instance gives an unused slice back after this long without a reservation on it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleLeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A reservation neither settled nor released this long after it was made (a caller's bug, or a crash between
    /// reserve and settle) is settled at its estimate, so it cannot hold budget for the rest of the period. Longer than
    /// any request can run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often idle slices are returned and failed settlement writes retried; zero turns the timer off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a counter row read by this instance may be trusted to refuse a request without reading it again. Keeps
    /// a key that is over budget from costing a storage read per refused request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefusalFreshness { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads and writes one counter operation may take when other instances keep winning the ETag race.</summary>
    [Range(1, 100)]
    public int MaxStorageAttempts { get; set; } = 20;
}
