using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Builds sessions from the entries of the <see cref="AggregateDimension.Session"/> dimension. A named session adds up
/// its entries across models and days. Calls without a session id are kept per key in
/// <see cref="SessionEntry.SlotMinutes"/>-minute slots; a key's slots in time order make one session until the gap from
/// one slot's last call to the next slot's first is at least the idle gap. The idle gap is at least a slot long, so a
/// gap that long never hides inside a slot and the cut is exact.
/// </summary>
public static class SessionsBuilder
{
    /// <summary>Every session in <paramref name="entries"/>, in no particular order.</summary>
    public static IReadOnlyList<AgentSession> Build(IEnumerable<(DateOnly Day, string Value, AggregateCounters Counters)> entries, TimeSpan idleGap)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var named = new Dictionary<(string Agent, string Developer, string Id), Accumulator>();
        var slots = new Dictionary<(string Agent, string Developer, string KeyId), SortedDictionary<DateTimeOffset, Accumulator>>();
        foreach (var (day, value, counters) in entries)
        {
            if (!SessionEntry.TryDecode(value, out var entry))
            {
                continue;
            }

            var slotStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(entry!.Slot);
            if (entry.Named)
            {
                Add(named, (entry.Agent, entry.Developer, entry.Id), entry.Model, counters, slotStart);
            }
            else
            {
                var key = (entry.Agent, entry.Developer, entry.Id);
                if (!slots.TryGetValue(key, out var byTime))
                {
                    slots[key] = byTime = [];
                }

                Add(byTime, slotStart, entry.Model, counters, slotStart);
            }
        }

        var sessions = new List<AgentSession>(named.Count + slots.Count);
        sessions.AddRange(named.Select(pair => pair.Value.ToSession(pair.Key.Id, pair.Key.Agent, pair.Key.Developer, named: true, keyId: null)));
        foreach (var ((agent, developer, keyId), byTime) in slots)
        {
            Accumulator? current = null;
            foreach (var slot in byTime.Values)
            {
                if (current is not null && slot.Start - current.End >= idleGap)
                {
                    sessions.Add(Cut(current, agent, developer, keyId));
                    current = null;
                }

                current = current is null ? slot : current.Merge(slot);
            }

            if (current is not null)
            {
                sessions.Add(Cut(current, agent, developer, keyId));
            }
        }

        return sessions;
    }

    /// <summary>
    /// The sessions of <paramref name="sessions"/> that match the filters, most expensive first (by spend: cost and Cursor
    /// fee; then latest first), the
    /// first <paramref name="limit"/> of them.
    /// </summary>
    public static SessionsReport Report(ReportRange range, IReadOnlyList<AgentSession> sessions, TimeSpan idleGap, string? developer, string? agent, int limit)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(sessions);
        var matching = sessions
            .Where(session => developer is null || session.Developer == RecordDimensions.Developer(developer))
            .Where(session => agent is null || session.Agent == agent)
            .OrderByDescending(session => session.SpendUsd)
            .ThenByDescending(session => session.Start)
            .ThenBy(session => session.Id, StringComparer.Ordinal)
            .ToList();
        return new SessionsReport(range, idleGap, matching.Count, matching.Sum(session => session.SpendUsd), [.. matching.Take(limit)]);
    }

    private static AgentSession Cut(Accumulator session, string agent, string developer, string keyId) =>
        session.ToSession($"{keyId}@{session.Start.UtcDateTime:yyyyMMdd'T'HHmm'Z'}", agent, developer, named: false, keyId);

    private static void Add<TKey>(IDictionary<TKey, Accumulator> into, TKey key, string model, AggregateCounters counters, DateTimeOffset slotStart)
        where TKey : notnull
    {
        var added = new Accumulator(counters, model, slotStart);
        into[key] = into.TryGetValue(key, out var existing) ? existing.Merge(added) : added;
    }

    /// <summary>Counters, span and models of calls added up so far.</summary>
    private sealed class Accumulator
    {
        private readonly SortedSet<string> _models = new(StringComparer.Ordinal);

        public Accumulator(AggregateCounters counters, string model, DateTimeOffset fallback)
        {
            Counters = counters;
            Start = counters.FirstAt ?? fallback;
            End = counters.LastAt ?? Start;
            _models.Add(model);
        }

        public AggregateCounters Counters { get; private set; }

        public DateTimeOffset Start { get; private set; }

        public DateTimeOffset End { get; private set; }

        public Accumulator Merge(Accumulator other)
        {
            Counters = Counters.Add(other.Counters);
            Start = other.Start < Start ? other.Start : Start;
            End = other.End > End ? other.End : End;
            _models.UnionWith(other._models);
            return this;
        }

        public AgentSession ToSession(string id, string agent, string developer, bool named, string? keyId) =>
            new(id, agent, developer, named, keyId, Start, End, [.. _models], Counters);
    }
}
