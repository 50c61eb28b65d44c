using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Budgets;

/// <summary>
/// This instance's share of one counter row: one key's budget in one period. Requests reserve from the local
/// <c>available</c> money in memory under a small lock; only when it runs short does a request go to storage, one at a
/// time per lease, to lease another slice of what the row has left (DESIGN.md invariant 7).
/// </summary>
/// <remarks>
/// The row's <see cref="BudgetCounter.Leased"/> is, summed over instances, available + in flight + what was settled or
/// given back but not yet written. A slice is granted only out of <see cref="BudgetCounter.Remaining"/> and never
/// smaller than the request that asked for it, so settled spend plus everything every instance holds stays within the
/// limit. Only a settlement above its estimate that this instance's unused slice cannot absorb pushes the row past
/// the limit, which bounds the overshoot by what was in flight. A refusal gives back what this instance holds unused,
/// so that remainders parked on several instances can be combined by whichever asks next. Settlements not yet written
/// live only in memory (durability across a process crash is out of scope): if the process dies first, the row keeps
/// their reservations as leased, which blocks early rather than letting spend through.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used, and this one's never is.")]
internal sealed class BudgetLease(string keyId, BudgetWindow window, IBudgetCounterStore store, BudgetGateOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _storage = new(1, 1);
    private readonly string _periodKey = window.Key;

    // Guarded by _lock. "Unleased" is what the next write takes off the row's Leased.
    private decimal _available;
    private decimal _inFlight;
    private decimal _earmarked;
    private decimal? _limit;
    private decimal _pendingSettled;
    private decimal _pendingUnleased;
    private int _pendingSettlements;
    private DateTimeOffset _lastReservedAt;
    private bool _retired;

    // Guarded by _storage: the row as this instance last read or wrote it.
    private bool _rowKnown;
    private StoredBudgetCounter? _row;
    private DateTimeOffset _rowSeenAt;

    public string KeyId => keyId;

    public BudgetWindow Window => window;

    public string PeriodKey => _periodKey;

    /// <summary>Settlements recorded in memory and not yet written to the row.</summary>
    public int PendingSettlements
    {
        get
        {
            lock (_lock)
            {
                return _pendingSettlements;
            }
        }
    }

    /// <summary>Reserves <paramref name="amount"/> from the local lease; false when it is short, the limit changed or the lease is retired.</summary>
    public bool TryTake(decimal amount, decimal limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_retired || _limit != limit || _available < amount)
            {
                return false;
            }

            _available -= amount;
            _inFlight += amount;
            _lastReservedAt = now;
            return true;
        }
    }

    /// <summary>Puts a reservation back into the local lease: released, or rolled back because another budget refused.</summary>
    public void Restore(decimal amount)
    {
        lock (_lock)
        {
            _inFlight -= amount;
            _available += amount;
        }
    }

    /// <summary>
    /// Records a settlement in memory for the next write. Money reserved and not spent stays in the local lease; spend
    /// above the reservation is paid from the local lease as far as it goes.
    /// </summary>
    public void Settle(decimal reserved, decimal actual)
    {
        lock (_lock)
        {
            var fromLease = actual > reserved ? Math.Min(actual - reserved, _available) : 0m;
            var consumed = Math.Min(actual, reserved) + fromLease;
            _inFlight -= reserved;
            _available += reserved - consumed;
            _pendingSettled += actual;
            _pendingUnleased += consumed;
            _pendingSettlements++;
        }
    }

    /// <summary>True when settlements or a returned slice are not yet written to the row.</summary>
    public bool HasPendingWrites
    {
        get
        {
            lock (_lock)
            {
                return PendingWrites();
            }
        }
    }

    /// <summary>True when an unused slice has seen no reservation for <paramref name="idleFor"/>.</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan idleFor)
    {
        lock (_lock)
        {
            return _available > 0 && now - _lastReservedAt >= idleFor;
        }
    }

    /// <summary>Retires an empty lease of an ended period so it can be forgotten; false while it holds or owes anything.</summary>
    public bool TryRetire()
    {
        // An operation in progress may hold money outside the counters below.
        if (!_storage.Wait(0))
        {
            return false;
        }

        try
        {
            lock (_lock)
            {
                _retired = _available == 0 && _inFlight == 0 && _earmarked == 0 && !PendingWrites();
                return _retired;
            }
        }
        finally
        {
            _storage.Release();
        }
    }

    /// <summary>Reserves <paramref name="amount"/>, leasing another slice from the row when the local lease is short.</summary>
    public async ValueTask<BudgetLeaseResult> ReserveAsync(decimal amount, decimal limit, CancellationToken cancellationToken)
    {
        await _storage.WaitAsync(cancellationToken);
        try
        {
            // Another request may have leased enough while this one waited.
            if (TryTake(amount, limit, time.GetUtcNow()))
            {
                return BudgetLeaseResult.Done(null);
            }

            lock (_lock)
            {
                if (_retired)
                {
                    return BudgetLeaseResult.Retired;
                }

                // A changed limit gives the whole local lease back, so that it is leased afresh under the new limit.
                if (_limit != limit)
                {
                    _pendingUnleased += _available;
                    _available = 0;
                    _limit = limit;
                }
            }

            return await SyncAsync(amount, cancellationToken);
        }
        finally
        {
            // Money held toward a request that was not admitted goes back to the local lease.
            lock (_lock)
            {
                _available += _earmarked;
                _earmarked = 0;
            }

            _storage.Release();
        }
    }

    /// <summary>Writes pending settlements; with <paramref name="returnAvailable"/> also gives the unused slice back to the row.</summary>
    public async ValueTask<BudgetLeaseResult> FlushAsync(bool returnAvailable, CancellationToken cancellationToken)
    {
        await _storage.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (returnAvailable)
                {
                    _pendingUnleased += _available;
                    _available = 0;
                }

                if (_limit is null || !PendingWrites())
                {
                    return BudgetLeaseResult.Done(null);
                }
            }

            return await SyncAsync(0m, cancellationToken);
        }
        finally
        {
            _storage.Release();
        }
    }

    /// <summary>
    /// One write under the row's ETag that applies this instance's pending changes and, for a request of
    /// <paramref name="amount"/> (zero: none), either leases what the local lease lacks or refuses; retried when another
    /// instance wrote first. The caller holds <see cref="_storage"/>.
    /// </summary>
    private async ValueTask<BudgetLeaseResult> SyncAsync(decimal amount, CancellationToken cancellationToken)
    {
        var readNow = false;
        try
        {
            for (var attempt = 0; attempt < options.MaxStorageAttempts; attempt++)
            {
                // 1. Start from the row as last seen; read it when unknown (first use, or after losing a race).
                var now = time.GetUtcNow();
                if (!_rowKnown)
                {
                    _row = await store.GetAsync(keyId, _periodKey, cancellationToken);
                    (_rowKnown, _rowSeenAt, readNow) = (true, now, true);
                }

                // 2. Plan under the lock: hold what the local lease has toward the request, apply what this instance owes
                //    the row and the caller's current limit. A missing row is nothing spent and nothing leased.
                var trusted = readNow || now - _rowSeenAt < options.RefusalFreshness;
                BudgetCounter current, next;
                decimal need, grant, settled, unleased;
                int settlements;
                bool refused;
                lock (_lock)
                {
                    var topUp = Math.Min(_available, amount - _earmarked);
                    (_available, _earmarked) = (_available - topUp, _earmarked + topUp);
                    need = amount - _earmarked;
                    current = _row?.Counter ?? new BudgetCounter(_limit!.Value, 0m, 0m);
                    next = new BudgetCounter(_limit!.Value, current.Settled + _pendingSettled, current.Leased - _pendingUnleased);

                    // 3. Hard block: never grant less than the request needs. A refusal rests on a recent read (else read
                    //    again), and gives back what this instance holds unused so that others can combine it with theirs.
                    refused = need > 0 && next.Remaining < need;
                    if (refused && trusted)
                    {
                        _pendingUnleased += _available + _earmarked;
                        next = next with { Leased = next.Leased - _available - _earmarked };
                        (_available, _earmarked) = (0m, 0m);
                    }

                    grant = need > 0 && !refused ? Math.Min(next.Remaining, Math.Max(need, next.Limit * (decimal)options.LeaseFraction)) : 0m;
                    next = next with { Leased = next.Leased + grant };
                    (settled, unleased, settlements) = (_pendingSettled, _pendingUnleased, _pendingSettlements);
                }

                if (refused && !trusted)
                {
                    _rowKnown = false;
                    continue;
                }

                // 4. Write under the ETag, if anything changed; losing the race means another instance wrote first:
                //    read again and re-plan.
                if (next != current)
                {
                    var write = _row is null
                        ? await store.CreateAsync(keyId, _periodKey, next, cancellationToken)
                        : await store.UpdateAsync(keyId, _periodKey, next, _row.Version, cancellationToken);
                    if (!write.IsSuccess)
                    {
                        _rowKnown = false;
                        continue;
                    }

                    (_row, _rowSeenAt) = (new StoredBudgetCounter(next, write.Version!), now);
                }

                // 5. What was written is no longer owed. An admitted request takes its amount; the rest of the slice
                //    is available locally.
                lock (_lock)
                {
                    _pendingSettled -= settled;
                    _pendingUnleased -= unleased;
                    _pendingSettlements -= settlements;
                    if (amount > 0 && !refused)
                    {
                        _available += grant - need;
                        _inFlight += amount;
                        _earmarked = 0;
                        _lastReservedAt = now;
                    }
                }

                return refused ? BudgetLeaseResult.Refused(next) : BudgetLeaseResult.Done(next);
            }
        }
        catch
        {
            // The write may or may not have landed; do not trust the version it was based on.
            _rowKnown = false;
            throw;
        }

        _rowKnown = false;
        return BudgetLeaseResult.Contended;
    }

    private bool PendingWrites() => _pendingSettlements > 0 || _pendingSettled != 0 || _pendingUnleased != 0;
}
