using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;
using KeyMeter.Core.People;
using KeyMeter.Core.Reports;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Digests;

/// <summary>
/// Works out a <see cref="Digest"/> from the aggregates: about a dozen range reads, run together, once per digest.
/// Steps: (1) totals, top lists and sources; (2) budgets on the period's last day; (3) spend anomalies from each
/// developer's daily spend; (4) night activity from the developer-hour rows; (5) the month-end forecast;
/// (6) developers bypassing KeyMeter from the reconciliation; (7) the most expensive sessions and the agents compared.
/// </summary>
public sealed class DigestBuilder(AggregateReports reports, IKeyStore keys, PeopleDirectoryLoader people, IOptions<DigestOptions> options, IOptions<AgentSessionOptions> sessionOptions, IAgentFactStore facts)
{
    /// <summary>How many times the trailing median a day must exceed to be an anomaly (strictly more).</summary>
    internal const decimal AnomalyFactor = 3m;

    /// <summary>Below this a day is never an anomaly: a developer going from $0.02 to $0.10 is not news.</summary>
    internal const decimal AnomalyFloorUsd = 1m;

    internal const int TrailingDays = 7;

    public async Task<Digest> BuildAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var settings = options.Value;
        var range = new ReportRange(period.From, period.To);
        var monthStart = new DateOnly(period.To.Year, period.To.Month, 1);

        // 1–2. Everything that does not depend on anything else, at once.
        var developers = reports.SummaryAsync(range, ReportGroupBy.Developer, cancellationToken);
        var previous = reports.SummaryAsync(new ReportRange(period.Previous.From, period.Previous.To), ReportGroupBy.Source, cancellationToken);
        var projects = reports.SummaryAsync(range, ReportGroupBy.Project, cancellationToken);
        var models = reports.SummaryAsync(range, ReportGroupBy.Model, cancellationToken);
        var sources = reports.SummaryAsync(range, ReportGroupBy.Source, cancellationToken);
        var monthToDate = reports.SummaryAsync(new ReportRange(monthStart, period.To), ReportGroupBy.Source, cancellationToken);
        var trailing = reports.SummaryAsync(new ReportRange(period.To.AddDays(1 - TrailingDays), period.To), ReportGroupBy.Source, cancellationToken);
        var developerDays = reports.DailyValuesAsync(new ReportRange(period.From.AddDays(-TrailingDays), period.To), AggregateDimension.Developer, cancellationToken);
        var hours = reports.DailyValuesAsync(range, AggregateDimension.DeveloperHour, cancellationToken);
        var budgets = reports.BudgetStatusAsync(await keys.ListAsync(cancellationToken), period.To, cancellationToken);
        var gap = sessionOptions.Value.IdleGap;
        var sessions = reports.SessionListAsync(range, gap, cancellationToken);
        var agentFacts = facts.LoadAsync(AgentComparisonBuilder.FirstFactDay(range), range.To, cancellationToken);
        var reconciliation = ReconciliationBuilder.BuildAsync(range, await people.LoadAsync(cancellationToken), reports.ReadLineRowsAsync(range, cancellationToken), await agentFacts, cancellationToken);

        var top = settings.TopCount;
        var byDeveloper = await developers;
        var projectGroups = (await projects).Groups.Where(group => group.Value != SummaryBuilder.Untagged);
        return new Digest(
            period,
            byDeveloper.Total,
            (await previous).Total,
            Top(byDeveloper.Groups, top),
            Top(projectGroups, top),
            Top((await models).Groups, top),
            [.. (await sources).Groups.OrderByDescending(group => Digest.Spend(group.Counters)).ThenBy(group => group.Value, StringComparer.Ordinal)],
            await budgets,
            Anomalies(period, await developerDays),
            Night(await hours, settings),
            Forecast(period.To, Digest.Spend((await monthToDate).Total), Digest.Spend((await trailing).Total)),
            (await reconciliation).Bypassing)
        {
            TopSessions = SessionsBuilder.Report(range, await sessions, gap, developer: null, agent: null, top).Sessions,
            Agents = AgentComparisonBuilder.Build(range, await sessions, await agentFacts).Agents,
        };
    }

    private static List<ReportGroup> Top(IEnumerable<ReportGroup> groups, int count) =>
        [.. groups.Where(group => group.Counters.Requests != 0 || Digest.Spend(group.Counters) != 0m)
            .OrderByDescending(group => Digest.Spend(group.Counters)).ThenBy(group => group.Value, StringComparer.Ordinal).Take(count)];

    /// <summary>
    /// Days of the period on which a developer spent more than <see cref="AnomalyFactor"/> × the median of their
    /// <see cref="TrailingDays"/> days before (days without usage count as $0), and at least <see cref="AnomalyFloorUsd"/>.
    /// </summary>
    internal static IReadOnlyList<SpendAnomaly> Anomalies(DigestPeriod period, IReadOnlyList<(DateOnly Day, string Value, AggregateCounters Counters)> developerDays)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(developerDays);
        var anomalies = new List<SpendAnomaly>();
        foreach (var developer in developerDays.GroupBy(entry => entry.Value, StringComparer.Ordinal))
        {
            var spend = developer.GroupBy(entry => entry.Day).ToDictionary(day => day.Key, day => day.Sum(entry => Digest.Spend(entry.Counters)));
            for (var day = period.From; day <= period.To; day = day.AddDays(1))
            {
                var spent = spend.GetValueOrDefault(day);
                if (spent < AnomalyFloorUsd)
                {
                    continue;
                }

                var median = Median([.. Enumerable.Range(1, TrailingDays).Select(back => spend.GetValueOrDefault(day.AddDays(-back)))]);
                if (spent > AnomalyFactor * median)
                {
                    anomalies.Add(new SpendAnomaly(developer.Key, day, spent, median));
                }
            }
        }

        return [.. anomalies.OrderByDescending(anomaly => anomaly.SpentUsd).ThenBy(anomaly => anomaly.Developer, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Usage whose hour, in the organisation's time zone, falls in the night window. Hours are UTC hours of UTC days,
    /// turned into local hours with the zone's offset on that day.
    /// </summary>
    internal static IReadOnlyList<NightActivity> Night(IReadOnlyList<(DateOnly Day, string Value, AggregateCounters Counters)> hours, DigestOptions settings)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(settings);
        var zone = settings.Zone();
        var night = new Dictionary<string, (long Requests, decimal Spent, SortedSet<int> Hours)>(StringComparer.Ordinal);
        foreach (var (day, value, counters) in hours)
        {
            var separator = value.LastIndexOf('|');
            if (separator <= 0 || !int.TryParse(value.AsSpan(separator + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var utcHour) || utcHour is < 0 or > 23)
            {
                continue;
            }

            var utc = new DateTime(day.Year, day.Month, day.Day, utcHour, 0, 0, DateTimeKind.Utc);
            var localHour = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Hour;
            if (!settings.IsNight(localHour) || counters.Requests <= 0)
            {
                continue;
            }

            var developer = value[..separator];
            (long Requests, decimal Spent, SortedSet<int> Hours) current = night.TryGetValue(developer, out var found) ? found : (0L, 0m, new SortedSet<int>());
            current.Hours.Add(localHour);
            night[developer] = (current.Requests + counters.Requests, current.Spent + Digest.Spend(counters), current.Hours);
        }

        return [.. night.Select(entry => new NightActivity(entry.Key, entry.Value.Requests, entry.Value.Spent, [.. entry.Value.Hours]))
            .OrderByDescending(activity => activity.Requests).ThenBy(activity => activity.Developer, StringComparer.Ordinal)];
    }

    internal static DigestForecast Forecast(DateOnly through, decimal monthToDateUsd, decimal trailingUsd)
    {
        var daysLeft = DateTime.DaysInMonth(through.Year, through.Month) - through.Day;
        return new DigestForecast(through, monthToDateUsd, trailingUsd / TrailingDays, daysLeft);
    }

    private static decimal Median(decimal[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2m;
    }
}
