using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Compares the coding agents over a range: spend, tokens, developers, sessions and active time from the sessions
/// (<see cref="SessionsBuilder"/>), and lines, commits and pull requests from the agent facts. A delta or daily fact
/// counts on its day; a cumulative one counts by how much its running total rose over the series' previous day, and on
/// its first day seen by its whole value (a series KeyMeter saw start). Seats are not calls and belong to no agent.
/// </summary>
public static class AgentComparisonBuilder
{
    /// <summary>Days before the range whose facts are read as the starting point of cumulative series.</summary>
    public const int BaselineDays = 7;

    /// <summary>The first day whose facts a comparison of <paramref name="range"/> reads.</summary>
    public static DateOnly FirstFactDay(ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return range.From.AddDays(-BaselineDays);
    }

    public static AgentComparisonReport Build(ReportRange range, IReadOnlyList<AgentSession> sessions, IReadOnlyList<AgentFact> facts)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(facts);
        var amounts = FactsInRange(range, facts);
        var agents = sessions.Select(session => session.Agent).Concat(amounts.Keys.Select(key => key.Agent)).Distinct(StringComparer.Ordinal);
        var totals = new List<AgentTotals>();
        foreach (var agent in agents)
        {
            var mine = sessions.Where(session => session.Agent == agent).ToList();
            decimal? Fact(string name) => amounts.TryGetValue((agent, name), out var value) ? value : null;
            totals.Add(new AgentTotals(
                agent,
                mine.Aggregate(AggregateCounters.Zero, (sum, session) => sum.Add(session.Counters with { FirstAt = null, LastAt = null })),
                mine.Select(session => session.Developer).Distinct(StringComparer.Ordinal).Count(),
                mine.Count,
                mine.Sum(session => (decimal)session.Duration.TotalHours),
                Fact(AgentFactNames.LinesAdded),
                Fact(AgentFactNames.LinesRemoved),
                Fact(AgentFactNames.LinesAccepted),
                Fact(AgentFactNames.Commits),
                Fact(AgentFactNames.PullRequests),
                Fact(AgentFactNames.ReportedCostUsd)));
        }

        return new AgentComparisonReport(range, [.. totals
            .OrderByDescending(total => total.SpendUsd)
            .ThenBy(total => CodingAgents.Order(total.Agent))
            .ThenBy(total => total.Agent, StringComparer.Ordinal)]);
    }

    /// <summary>What each agent's facts add up to over the range's days, per fact name.</summary>
    internal static Dictionary<(string Agent, string Name), decimal> FactsInRange(ReportRange range, IReadOnlyList<AgentFact> facts)
    {
        var sums = new Dictionary<(string, string), decimal>();
        foreach (var fact in facts.Where(fact => fact.Kind == AgentFactKind.Amount && fact.Day >= range.From && fact.Day <= range.To))
        {
            sums[(fact.Agent, fact.Name)] = sums.GetValueOrDefault((fact.Agent, fact.Name)) + fact.Value;
        }

        foreach (var series in facts.Where(fact => fact.Kind == AgentFactKind.Cumulative).GroupBy(fact => (fact.Developer, fact.Agent, fact.Name, fact.Series)))
        {
            decimal? previous = null;
            foreach (var fact in series.OrderBy(fact => fact.Day))
            {
                if (fact.Day >= range.From && fact.Day <= range.To)
                {
                    // A running total that fell was restarted: all of it is new.
                    var increase = previous is { } before && fact.Value >= before ? fact.Value - before : fact.Value;
                    sums[(fact.Agent, fact.Name)] = sums.GetValueOrDefault((fact.Agent, fact.Name)) + increase;
                }

                previous = fact.Value;
            }
        }

        return sums;
    }
}
