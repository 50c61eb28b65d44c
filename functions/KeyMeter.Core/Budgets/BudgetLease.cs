using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Budgets;

/// <summary>
/// This instance's share of one counter row: one key's budget in one period. Requests reserve from the local
/// <c>available</c> money in memory under a small lock; only when it runs short does a request go to storage, one at a
/// time per lease, to lease another slice of what the row has left.
/// </summary>
/// <remarks>
/// <para>The row keeps, per instance, what that instance holds (available + in flight + held toward a request) and
/// until when. Each write states this instance's holding as an absolute amount with a fresh expiry, so a write that
/// was lost or doubled heals with the next one, and the holding of an instance that died expires and is reclaimed by
/// whoever writes next. A slice is granted only out of <see cref="BudgetCounter.Remaining"/> and never smaller than the
/// request that asked for it, so settled spend plus everything every instance holds stays within the limit. Only a
/// settlement above its reservation that this instance's unused slice cannot absorb pushes the row past the limit.</para>
/// <para>A refusal gives back what this instance holds unused, so that remainders parked on several instances can be
/// combined by whichever asks next. Settlements not yet written live only in memory: if the process dies first, its
/// holding (which still counts their reservations) expires and is reclaimed, so the money comes back after
/// <see cref="BudgetGateOptions.LeaseTtl"/> instead of being lost for the period.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used, and this one's never is.")]
internal sealed class BudgetLease(string keyId, BudgetWindow window, string owner, IBudgetCounterStore store, BudgetGateOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _storage = new(1, 1);
    private readonly string _periodKey = window.Key;

    // Guarded by _lock.
    private decimal _available;
    private decimal _inFlight;
    private decimal _earmarked;
    private decimal? _limit;
    private decimal _pendingSettled;
    private int _pendingSettlements;
    private decimal _writtenHolding;
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;
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

    /// <summary>True when settlements or a change of this instance's holding are not yet written to the row.</summary>
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

    /// <summary>What this instance holds of the row: unused, in flight and held toward a request.</summary>
    private decimal Holding => _available + _inFlight + _earmarked;

    /// <summary>
    /// Reserves <paramref name="amount"/> from the local lease; false when it is short, the limit changed, the lease is
    /// retired, or this instance's holding is too close to expiring to be trusted (another instance could reclaim it).
    /// </summary>
    public bool TryTake(decimal amount, decimal limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_retired || _limit != limit || _available < amount || _expiresAt - now <= options.LeaseTtl / 4)
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
            _pendingSettlements++;
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

    /// <summary>True when this instance holds something whose expiry is more than half spent: time to renew it.</summary>
    public bool NeedsRenewal(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _writtenHolding > 0 && _expiresAt - now < options.LeaseTtl / 2;
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
                _retired = Holding == 0 && !PendingWrites();
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

    /// <summary>
    /// Writes pending settlements and renews this instance's holding; with <paramref name="returnAvailable"/> also
    /// gives the unused slice back to the row.
    /// </summary>
    public async ValueTask<BudgetLeaseResult> FlushAsync(bool returnAvailable, CancellationToken cancellationToken)
    {
        await _storage.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (returnAvailable)
                {
                    _available = 0;
                }

                if (_limit is null || !(PendingWrites() || (_writtenHolding > 0 && _expiresAt - time.GetUtcNow() < options.LeaseTtl / 2)))
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
    /// One write under the row's ETag that applies this instance's settlements, states its holding with a fresh expiry,
    /// reclaims expired holdings of others and, for a request of <paramref name="amount"/> (zero: none), either leases
    /// what the local lease lacks or refuses; retried when another instance wrote first. The caller holds
    /// <see cref="_storage"/>.
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

                // 2. Plan under the lock: hold what the local lease has toward the request, keep other instances'
                //    live holdings (expired ones are reclaimed), add this instance's settlements. A missing row is
                //    nothing spent and nothing held.
                var trusted = readNow || now - _rowSeenAt < options.RefusalFreshness;
                BudgetCounter current, next;
                decimal need, grant, settled, holding;
                int settlements;
                bool refused;
                lock (_lock)
                {
                    var topUp = Math.Min(_available, amount - _earmarked);
                    (_available, _earmarked) = (_available - topUp, _earmarked + topUp);
                    need = amount - _earmarked;
                    current = _row?.Counter ?? new BudgetCounter(_limit!.Value, 0m);
                    var others = current.Holders.Where(holder => holder.Owner != owner && !holder.HasExpiredAt(now)).ToList();
                    var settledAfter = current.Settled + _pendingSettled;
                    var remaining = _limit!.Value - settledAfter - others.Sum(holder => holder.AmountUsd) - Holding;

                    // 3. Hard block: never grant less than the request needs. A refusal rests on a recent read (else read
                    //    again), and gives back what this instance holds unused so that others can combine it with theirs.
                    refused = need > 0 && remaining < need;
                    if (refused && trusted)
                    {
                        (_available, _earmarked) = (0m, 0m);
                    }

                    grant = need > 0 && !refused ? Math.Min(remaining, Math.Max(need, _limit!.Value * (decimal)options.LeaseFraction)) : 0m;
                    holding = Holding + grant;
                    List<LeaseHolding> holders = holding > 0 ? [.. others, new LeaseHolding(owner, holding, now + options.LeaseTtl)] : others;
                    next = new BudgetCounter(_limit!.Value, settledAfter, holders);
                    (settled, settlements) = (_pendingSettled, _pendingSettlements);
                }

                if (refused && !trusted)
                {
                    _rowKnown = false;
                    continue;
                }

                // 4. Write under the ETag, if anything changed; losing the race means another instance wrote first:
                //    read again and re-plan.
                if (!next.Equals(current))
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
                    _pendingSettlements -= settlements;
                    (_writtenHolding, _expiresAt) = (holding, now + options.LeaseTtl);
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
            // The write may or may not have landed; do not trust the version it was based on. The next write states
            // this instance's holding afresh, so either way the row heals.
            _rowKnown = false;
            throw;
        }

        _rowKnown = false;
        return BudgetLeaseResult.Contended;
    }

    private bool PendingWrites() => _pendingSettlements > 0 || _pendingSettled != 0 || Holding != _writtenHolding;
}
