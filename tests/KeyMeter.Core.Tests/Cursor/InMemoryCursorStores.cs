using KeyMeter.Core.Cursor;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Tests.Cursor;

/// <summary><see cref="ICursorLedger"/> in memory: one dictionary per day, upserts replace.</summary>
internal sealed class InMemoryCursorLedger : ICursorLedger
{
    public Dictionary<DateOnly, Dictionary<string, CursorLedgerEntry>> Days { get; } = [];

    public IEnumerable<CursorLedgerEntry> All => Days.Values.SelectMany(day => day.Values);

    public Task<IReadOnlyList<CursorLedgerEntry>> LoadDayAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CursorLedgerEntry>>(Days.TryGetValue(day, out var entries) ? [.. entries.Values] : []);

    public Task SaveAsync(DateOnly day, IReadOnlyList<CursorLedgerEntry> entries, CancellationToken cancellationToken)
    {
        if (!Days.TryGetValue(day, out var stored))
        {
            Days[day] = stored = new Dictionary<string, CursorLedgerEntry>(StringComparer.Ordinal);
        }

        foreach (var entry in entries)
        {
            stored[entry.EventKey] = entry;
        }

        return Task.CompletedTask;
    }
}

/// <summary><see cref="ICursorStateStore"/> in memory.</summary>
internal sealed class InMemoryCursorState : ICursorStateStore
{
    public Dictionary<string, DateTimeOffset> Watermarks { get; } = new(StringComparer.Ordinal);

    public Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(Watermarks.TryGetValue(name, out var value) ? value : null);

    public Task SetWatermarkAsync(string name, DateTimeOffset value, CancellationToken cancellationToken)
    {
        Watermarks[name] = value;
        return Task.CompletedTask;
    }
}

/// <summary><see cref="ICursorSnapshotStore"/> in memory.</summary>
internal sealed class InMemoryCursorSnapshots : ICursorSnapshotStore
{
    public Dictionary<DateOnly, IReadOnlyList<CursorMember>> Rosters { get; } = [];

    public List<CursorSpendSnapshot> Spend { get; } = [];

    public Task SaveMembersAsync(DateOnly day, IReadOnlyList<CursorMember> members, CancellationToken cancellationToken)
    {
        Rosters[day] = members;
        return Task.CompletedTask;
    }

    public Task SaveSpendAsync(CursorSpendSnapshot snapshot, CancellationToken cancellationToken)
    {
        Spend.Add(snapshot);
        return Task.CompletedTask;
    }
}

/// <summary><see cref="ITeamMappingStore"/> in memory.</summary>
internal sealed class InMemoryTeamMappingStore : ITeamMappingStore
{
    private readonly SortedDictionary<string, TeamAssignment> _teams = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<TeamAssignment>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamAssignment>>([.. _teams.Values]);

    public Task<TeamAssignment?> GetAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_teams.GetValueOrDefault(TeamMapping.NormalizeEmail(email)));

    public Task UpsertAsync(IReadOnlyList<TeamAssignment> assignments, CancellationToken cancellationToken)
    {
        foreach (var assignment in assignments)
        {
            _teams[assignment.Email] = assignment;
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_teams.Remove(TeamMapping.NormalizeEmail(email)));
}
