using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Budgets;

/// <summary>How <see cref="BudgetGate"/> leases budget from the shared counters.</summary>
public sealed class BudgetGateOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Budgets";

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

    /// <summary>
    /// How long an instance's holding of a counter lives without renewal. A live instance renews it (during maintenance)
    /// once half of it has passed; the holding of an instance that died is reclaimed by the next write after it expires.
    /// An instance stops admitting from its slice once its holding is within a quarter of expiring unrenewed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a reservation may wait on the counter row before the request is refused as unavailable (503). An
    /// instance's first storage calls get ten seconds more (connections, token).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Reads and writes one counter operation may take when other instances keep winning the ETag race.</summary>
    [Range(1, 100)]
    public int MaxStorageAttempts { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Holdings are renewed by maintenance once half their life is gone; it must run well within that half.
        if (MaintenanceInterval > TimeSpan.Zero && MaintenanceInterval > LeaseTtl / 4)
        {
            yield return new ValidationResult(
                "KeyMeter__Budgets__MaintenanceInterval must be at most a quarter of KeyMeter__Budgets__LeaseTtl, so leases are renewed before they expire.",
                [nameof(MaintenanceInterval), nameof(LeaseTtl)]);
        }
    }
}
