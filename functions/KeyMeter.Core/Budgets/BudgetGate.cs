using System.Collections.Concurrent;
using KeyMeter.Core.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Budgets;

/// <summary>
/// Hard-blocking budgets per key: a request is admitted only if, for every budget of its key,
/// settled spend + reservations in flight + its estimate stay within the limit. Reserve before forwarding, then
/// settle on the actual cost or release on failure. Reservations come from slices this instance leases from the
/// shared counter rows, so most requests touch no storage and all instances together still cannot pass a limit.
/// Keys without budgets pass without any storage access.
/// </summary>
/// <remarks>
/// A slice another instance holds unused is not available here until that instance returns it (on its next refusal,
/// or after <see cref="BudgetGateOptions.IdleLeaseTimeout"/>), so near the limit a request can be refused while a
/// little budget is parked elsewhere: the price of staying off the hot path, bounded by one slice per instance. The
/// slices of an instance that died come back once its holding expires (<see cref="BudgetGateOptions.LeaseTtl"/>).
/// </remarks>
public sealed class BudgetGate : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Extra time an instance's first storage calls get: connections and a token are set up on first use.</summary>
    private static readonly TimeSpan ColdStartAllowance = TimeSpan.FromSeconds(10);

    /// <summary>Daily first: when both budgets would refuse, the one that resets sooner is named.</summary>
    private static readonly BudgetPeriod[] Periods = [BudgetPeriod.Daily, BudgetPeriod.Monthly];

    private readonly ConcurrentDictionary<(string KeyId, BudgetWindow Window), BudgetLease> _leases = new();
    private readonly ConcurrentDictionary<BudgetReservation, byte> _outstanding = new();
    private readonly IBudgetCounterStore _store;
    private readonly BudgetGateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BudgetGate> _logger;
    private readonly ITimer? _timer;
    private int _maintaining;
    private int _disposed;
    private volatile bool _storageAnswered;

    public BudgetGate(IBudgetCounterStore store, IOptions<BudgetGateOptions> options, TimeProvider time, ILogger<BudgetGate> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Owner = "i-" + Guid.NewGuid().ToString("N")[..12];
        if (_options.MaintenanceInterval > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(static state => ((BudgetGate)state!).OnMaintenanceTimer(), this, _options.MaintenanceInterval, _options.MaintenanceInterval);
        }
    }

    /// <summary>This instance's id in the counter rows' holdings (see <see cref="LeaseHolding"/>).</summary>
    public string Owner { get; }

    /// <summary>Settlements recorded but not yet written to storage (written on the next write to their counter or by maintenance).</summary>
    public int PendingSettlementCount => _leases.Values.Sum(lease => lease.PendingSettlements);

    /// <summary>
    /// Reserves <paramref name="estimateUsd"/> in every budget <paramref name="limits"/> sets for the key, or says which
    /// budget refuses. Completes synchronously while the local slices have room.
    /// </summary>
    /// <exception cref="ArgumentException">A malformed key id or a negative estimate.</exception>
    public ValueTask<BudgetDecision> TryReserveAsync(string keyId, KeyBudgets limits, decimal estimateUsd, CancellationToken cancellationToken)
    {
        if (!KeyId.IsWellFormed(keyId))
        {
            throw new ArgumentException("Not a well-formed key id.", nameof(keyId));
        }

        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(estimateUsd);
        var count = (limits.DailyUsd is null ? 0 : 1) + (limits.MonthlyUsd is null ? 0 : 1);
        if (count == 0)
        {
            return ValueTask.FromResult(BudgetDecision.Admit(new BudgetReservation(this, keyId, estimateUsd, 0m, [], default)));
        }

        var amount = Math.Max(estimateUsd, _options.MinimumReservationUsd);
        var now = _time.GetUtcNow();
        var leases = new BudgetLease[count];
        var held = 0;
        foreach (var period in Periods)
        {
            if (LimitOf(limits, period) is not { } limit)
            {
                continue;
            }

            var lease = LeaseFor(keyId, period, now);
            if (!lease.TryTake(amount, limit, now))
            {
                return ReserveFromStorageAsync(keyId, limits, estimateUsd, amount, leases, held, cancellationToken);
            }

            leases[held++] = lease;
        }

        return ValueTask.FromResult(Admit(keyId, estimateUsd, amount, leases, now));
    }

    /// <summary>
    /// Records the actual cost of an admitted request in each of its budgets; the difference to the estimate (either
    /// way) is applied. <c>null</c> (cost unknown) settles at the estimate. A second call, or one after
    /// <see cref="ReleaseAsync"/>, does nothing. A failed write is kept in memory and retried, never thrown.
    /// </summary>
    public async ValueTask SettleAsync(BudgetReservation reservation, decimal? actualCostUsd, CancellationToken cancellationToken)
    {
        if (!SettleInMemory(reservation, actualCostUsd))
        {
            return;
        }

        // Settled in memory first, so a write that fails below loses nothing: it stays pending and is retried.
        var leases = reservation.Leases;
        for (var i = 0; i < leases.Count; i++)
        {
            await FlushAsync(leases[i], returnAvailable: false, cancellationToken);
        }
    }

    /// <summary>
    /// Like <see cref="SettleAsync"/>, but returns as soon as the settlement is recorded in memory; the counter rows are
    /// written in the background. The proxy settles this way, so no response waits on a budget row.
    /// </summary>
    public void Settle(BudgetReservation reservation, decimal? actualCostUsd)
    {
        if (SettleInMemory(reservation, actualCostUsd) && reservation.Leases.Count > 0)
        {
            _ = FlushInBackgroundAsync(reservation.Leases);
        }
    }

    private bool SettleInMemory(BudgetReservation reservation, decimal? actualCostUsd)
    {
        CheckIssuer(reservation);
        if (actualCostUsd is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(actualCostUsd), actualCostUsd, "A cost cannot be negative.");
        }

        if (!reservation.TryComplete())
        {
            return false;
        }

        _outstanding.TryRemove(reservation, out _);
        var cost = actualCostUsd ?? reservation.EstimateUsd;
        var leases = reservation.Leases;
        for (var i = 0; i < leases.Count; i++)
        {
            leases[i].Settle(reservation.ReservedUsd, cost);
        }

        return true;
    }

    private async Task FlushInBackgroundAsync(IReadOnlyList<BudgetLease> leases)
    {
        await Task.Yield();
        using var timeout = new CancellationTokenSource(_options.MaintenanceInterval > TimeSpan.Zero ? _options.MaintenanceInterval : ShutdownTimeout, _time);
        for (var i = 0; i < leases.Count; i++)
        {
            await FlushAsync(leases[i], returnAvailable: false, timeout.Token);
        }
    }

    /// <summary>Gives an admitted request's reservation back: nothing was spent. No storage access. Idempotent like <see cref="SettleAsync"/>.</summary>
    public ValueTask ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken)
    {
        CheckIssuer(reservation);
        if (reservation.TryComplete())
        {
            _outstanding.TryRemove(reservation, out _);
            var leases = reservation.Leases;
            for (var i = 0; i < leases.Count; i++)
            {
                leases[i].Restore(reservation.ReservedUsd);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Gives unused slices back to their rows once idle for <see cref="BudgetGateOptions.IdleLeaseTimeout"/> (or once
    /// their period ended), renews this instance's holdings before they expire, retries settlement writes that failed, settles reservations older than
    /// <see cref="BudgetGateOptions.ReservationTimeout"/> at their estimate, and forgets ended, empty periods. Runs on
    /// a timer every <see cref="BudgetGateOptions.MaintenanceInterval"/>; failures are logged and retried next time.
    /// </summary>
    public async ValueTask ReturnIdleLeasesAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var (reservation, _) in _outstanding)
        {
            // Without this a leaked reservation would block its budget until the period ends (BerriAI/litellm#36926).
            if (now - reservation.ReservedAt >= _options.ReservationTimeout && !reservation.IsCompleted)
            {
                BudgetsLog.ReservationExpired(_logger, reservation.KeyId, _options.ReservationTimeout, reservation.EstimateUsd);
                await SettleAsync(reservation, null, cancellationToken);
            }
        }

        foreach (var (key, lease) in _leases)
        {
            var ended = lease.Window.HasEndedAt(now);
            var returnAvailable = ended || lease.IsIdle(now, _options.IdleLeaseTimeout);
            if (returnAvailable || lease.HasPendingWrites || lease.NeedsRenewal(now))
            {
                await FlushAsync(lease, returnAvailable, cancellationToken);
            }

            if (ended && lease.TryRetire())
            {
                _leases.TryRemove(KeyValuePair.Create(key, lease));
            }
        }
    }

    /// <summary>Stops maintenance and gives every unused slice back, writing what is pending (best effort, bounded in time).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(ShutdownTimeout, _time);
        foreach (var lease in _leases.Values)
        {
            await FlushAsync(lease, returnAvailable: true, timeout.Token);
        }
    }

    private async ValueTask<BudgetDecision> ReserveFromStorageAsync(
        string keyId, KeyBudgets limits, decimal estimateUsd, decimal amount, BudgetLease[] leases, int held, CancellationToken cancellationToken)
    {
        // The budgets before `held` are reserved already; a refusal or failure further on gives them back. Storage gets
        // a bounded time: a request must not hang on an outage.
        var index = 0;
        BudgetLease? current = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_storageAnswered ? _options.StorageTimeout : _options.StorageTimeout + ColdStartAllowance);
        try
        {
            foreach (var period in Periods)
            {
                if (LimitOf(limits, period) is not { } limit || index++ < held)
                {
                    continue;
                }

                BudgetLeaseResult result;
                do
                {
                    var now = _time.GetUtcNow();
                    current = LeaseFor(keyId, period, now);
                    result = current.TryTake(amount, limit, now)
                        ? BudgetLeaseResult.Done(null)
                        : await current.ReserveAsync(amount, limit, timeout.Token);
                }
                while (result.Outcome == BudgetLeaseOutcome.Retired);

                _storageAnswered |= result.Outcome is BudgetLeaseOutcome.Done or BudgetLeaseOutcome.Refused;

                switch (result.Outcome)
                {
                    case BudgetLeaseOutcome.Done:
                        leases[held++] = current;
                        break;
                    case BudgetLeaseOutcome.Refused:
                        Restore(leases, held, amount);
                        var counter = result.Counter!;
                        var refusal = new BudgetRefusal(period, limit, counter.Settled, counter.Leased, estimateUsd, current.Window.ResetsAt);
                        BudgetsLog.Refused(_logger, keyId, period, refusal.UsedUsd, limit, estimateUsd);
                        return BudgetDecision.Refuse(refusal);
                    default:
                        Restore(leases, held, amount);
                        BudgetsLog.CounterContended(_logger, keyId, current.PeriodKey, _options.MaxStorageAttempts, "reservation");
                        return BudgetDecision.Unavailable;
                }
            }
        }
        catch (Exception exception)
        {
            Restore(leases, held, amount);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // Fail closed: without the shared counter this instance cannot know the budget has room.
            BudgetsLog.LeaseFailed(_logger, keyId, current?.PeriodKey ?? "?", exception.GetType().Name);
            return BudgetDecision.Unavailable;
        }

        return Admit(keyId, estimateUsd, amount, leases, _time.GetUtcNow());
    }

    private BudgetDecision Admit(string keyId, decimal estimateUsd, decimal amount, BudgetLease[] leases, DateTimeOffset now)
    {
        var reservation = new BudgetReservation(this, keyId, estimateUsd, amount, leases, now);
        _outstanding.TryAdd(reservation, 0);
        return BudgetDecision.Admit(reservation);
    }

    private async ValueTask FlushAsync(BudgetLease lease, bool returnAvailable, CancellationToken cancellationToken)
    {
        try
        {
            var result = await lease.FlushAsync(returnAvailable, cancellationToken);
            if (result.Outcome == BudgetLeaseOutcome.Contended)
            {
                BudgetsLog.CounterContended(_logger, lease.KeyId, lease.PeriodKey, _options.MaxStorageAttempts, "settlement write");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Still pending in memory; maintenance writes it.
        }
        catch (Exception exception)
        {
            BudgetsLog.CounterWriteFailed(_logger, lease.KeyId, lease.PeriodKey, exception.GetType().Name, lease.PendingSettlements);
        }
    }

    private void OnMaintenanceTimer()
    {
        if (Interlocked.Exchange(ref _maintaining, 1) == 0)
        {
            _ = RunMaintenanceAsync();
        }
    }

    private async Task RunMaintenanceAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.MaintenanceInterval, _time);
            await ReturnIdleLeasesAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            BudgetsLog.MaintenanceFailed(_logger, exception.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _maintaining, 0);
        }
    }

    private BudgetLease LeaseFor(string keyId, BudgetPeriod period, DateTimeOffset now) =>
        _leases.GetOrAdd(
            (keyId, BudgetWindow.Containing(period, now)),
            static (key, gate) => new BudgetLease(key.KeyId, key.Window, gate.Owner, gate._store, gate._options, gate._time),
            this);

    private void CheckIssuer(BudgetReservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (reservation.Issuer != this)
        {
            throw new ArgumentException("The reservation was issued by another budget gate.", nameof(reservation));
        }
    }

    private static void Restore(BudgetLease[] leases, int held, decimal amount)
    {
        for (var i = 0; i < held; i++)
        {
            leases[i].Restore(amount);
        }
    }

    private static decimal? LimitOf(KeyBudgets limits, BudgetPeriod period) =>
        period == BudgetPeriod.Daily ? limits.DailyUsd : limits.MonthlyUsd;
}
