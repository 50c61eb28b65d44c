using KeyMeter.Core.Agents;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// How a day of <c>/teams/daily-usage-data</c> becomes <see cref="AgentFact"/>s: one per measure Cursor reported, agent
/// <c>cursor</c>, series <see cref="Series"/>, kind <see cref="AgentFactKind.Amount"/> (Cursor reports each day whole,
/// so a later read of the same day replaces the earlier one).
/// </summary>
public static class CursorDailyUsageFacts
{
    /// <summary>The one series of Cursor's daily totals.</summary>
    public const string Series = "cursor-daily";

    /// <summary>Each fact name and the field of a row it is read from.</summary>
    public static IReadOnlyList<(string Name, Func<CursorDailyUsage, decimal?> Read)> Measures { get; } =
    [
        (AgentFactNames.LinesAdded, row => row.TotalLinesAdded),
        (AgentFactNames.LinesRemoved, row => row.TotalLinesDeleted),
        (AgentFactNames.LinesAccepted, row => row.AcceptedLinesAdded),
        (AgentFactNames.TabsAccepted, row => row.TotalTabsAccepted),
        (AgentFactNames.AgentRequests, row => row.AgentRequests),
        (AgentFactNames.ComposerRequests, row => row.ComposerRequests),
        (AgentFactNames.ChatRequests, row => row.ChatRequests),
        (AgentFactNames.ApiKeyRequests, row => row.ApiKeyReqs),
    ];

    /// <summary>
    /// The facts of <paramref name="developer"/> on <paramref name="day"/> from their <paramref name="rows"/>: a measure
    /// no row reports is left out (absent, not zero); one that several rows report (two Cursor accounts under the same
    /// email in different case) is their sum.
    /// </summary>
    public static IEnumerable<AgentFact> Of(DateOnly day, string developer, IReadOnlyCollection<CursorDailyUsage> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(developer);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (name, read) in Measures)
        {
            decimal? total = null;
            foreach (var row in rows)
            {
                if (read(row) is { } value)
                {
                    total = (total ?? 0m) + value;
                }
            }

            if (total is { } amount)
            {
                yield return new AgentFact(day, developer, UsageSources.Cursor, name, Series, amount, AgentFactKind.Amount);
            }
        }
    }
}
