using System.Globalization;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Tests.Budgets;

/// <summary>
/// A hand-written <see cref="IBudgetCounterStore"/> with the Table one's contract (versions, create-if-absent,
/// update-if-unchanged), plus switches for the failures a real store has: concurrent writers, outages, latency.
/// </summary>
internal sealed class InMemoryBudgetCounterStore : IBudgetCounterStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string KeyId, string PeriodKey), StoredBudgetCounter> _rows = [];
    private int _version;
    private int _reads;
    private int _writes;

    /// <summary>Every call throws, as when storage is down.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Makes the next N updates lose the ETag race, as if another instance wrote just before.</summary>
    public int ConcurrentWritersAhead { get; set; }

    /// <summary>Every call waits until cancelled, as when storage stops answering.</summary>
    public bool Hangs { get; set; }

    /// <summary>Answers asynchronously, so concurrent callers interleave at every storage call.</summary>
    public bool Yield { get; set; }

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    public int Operations => Reads + Writes;

    public BudgetCounter? Row(string keyId, string periodKey)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault((keyId, periodKey))?.Counter;
        }
    }

    public void Seed(string keyId, string periodKey, BudgetCounter counter)
    {
        lock (_gate)
        {
            _rows[(keyId, periodKey)] = new StoredBudgetCounter(counter, NextVersion());
        }
    }

    public async ValueTask<StoredBudgetCounter?> GetAsync(string keyId, string periodKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        await PauseAsync(cancellationToken);
        lock (_gate)
        {
            return _rows.GetValueOrDefault((keyId, periodKey));
        }
    }

    public async ValueTask<BudgetCounterWriteResult> CreateAsync(string keyId, string periodKey, BudgetCounter counter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await PauseAsync(cancellationToken);
        lock (_gate)
        {
            if (_rows.ContainsKey((keyId, periodKey)))
            {
                return BudgetCounterWriteResult.AlreadyExists;
            }

            var stored = new StoredBudgetCounter(counter, NextVersion());
            _rows[(keyId, periodKey)] = stored;
            return BudgetCounterWriteResult.Written(stored.Version);
        }
    }

    public async ValueTask<BudgetCounterWriteResult> UpdateAsync(string keyId, string periodKey, BudgetCounter counter, string expectedVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await PauseAsync(cancellationToken);
        lock (_gate)
        {
            if (!_rows.TryGetValue((keyId, periodKey), out var current))
            {
                return BudgetCounterWriteResult.ConcurrentChange;
            }

            if (ConcurrentWritersAhead > 0)
            {
                ConcurrentWritersAhead--;
                _rows[(keyId, periodKey)] = current with { Version = NextVersion() };
                return BudgetCounterWriteResult.ConcurrentChange;
            }

            if (current.Version != expectedVersion)
            {
                return BudgetCounterWriteResult.ConcurrentChange;
            }

            var stored = new StoredBudgetCounter(counter, NextVersion());
            _rows[(keyId, periodKey)] = stored;
            return BudgetCounterWriteResult.Written(stored.Version);
        }
    }

    private async ValueTask PauseAsync(CancellationToken cancellationToken = default)
    {
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (Yield)
        {
            await Task.Yield();
        }

        if (Unavailable)
        {
            throw new InvalidOperationException("storage unavailable");
        }
    }

    private string NextVersion() => "v" + (++_version).ToString(CultureInfo.InvariantCulture);
}
