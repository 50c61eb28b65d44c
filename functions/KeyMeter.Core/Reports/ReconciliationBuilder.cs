using System.Globalization;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Folds the daily rows of the <see cref="AggregateDimension.Line"/> dimension into a <see cref="ReconciliationReport"/>.
/// A line names its source, provider and developer, which is all a reconciliation needs: Cursor's BYOK events
/// (source cursor, provider <see cref="CursorByokProvider"/>), Cursor-billed events (source cursor, any other provider)
/// and proxy calls (source proxy), per developer and day. Other rows are ignored. Cursor's own daily count of BYOK
/// requests (<c>apiKeyReqs</c>, an agent fact) is added where Cursor reported one, and is what the proxy is compared with.
/// </summary>
public sealed class ReconciliationBuilder(ReportRange range, PeopleDirectory people)
{
    /// <summary>
    /// The provider of Cursor's BYOK events. Kept here rather than taken from the Cursor feature so that the report
    /// reads the aggregates alone; it must equal <c>Cursor.CursorRecords.ByokProvider</c>, which a test checks.
    /// </summary>
    internal const string CursorByokProvider = "byok";

    private readonly string _first = AggregateKeys.Day(range.From);
    private readonly string _last = AggregateKeys.Day(range.To);
    private readonly Dictionary<(string Developer, string Day), ReconciliationCounts> _days = [];

    /// <summary>
    /// The report of <paramref name="lineRows"/>, as <see cref="AggregateReports.ReadLineRowsAsync"/> reads them, with
    /// Cursor's daily BYOK counts from <paramref name="facts"/> (<see cref="AgentFactNames.ApiKeyRequests"/>).
    /// </summary>
    public static async Task<ReconciliationReport> BuildAsync(
        ReportRange range, PeopleDirectory people, IAsyncEnumerable<AggregateRow> lineRows, IReadOnlyList<AgentFact> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lineRows);
        ArgumentNullException.ThrowIfNull(facts);
        var builder = new ReconciliationBuilder(range, people);
        builder.Add(facts);
        await foreach (var row in lineRows.WithCancellation(cancellationToken))
        {
            builder.Add(row);
        }

        return builder.Build();
    }

    public void Add(AggregateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.IsMonthly || row.Dimension != AggregateDimension.Line
            || string.CompareOrdinal(row.Period, _first) < 0 || string.CompareOrdinal(row.Period, _last) > 0)
        {
            return;
        }

        foreach (var (value, counters) in row.Entries)
        {
            // Line values are written only by RecordDimensions; one that does not decode is not a billing line.
            if (!LineItem.TryDecode(value, out var item) || item is null || Counts(item, counters) is not { } counts)
            {
                continue;
            }

            var key = (item.Developer, row.Period);
            _days[key] = _days.TryGetValue(key, out var current) ? current.Add(counts) : counts;
        }
    }

    /// <summary>Adds Cursor's daily BYOK counts (<c>apiKeyReqs</c>) of the range's days; other facts are ignored.</summary>
    public void Add(IEnumerable<AgentFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var fact in facts.Where(fact => fact.Agent == CodingAgents.Cursor && fact.Name == AgentFactNames.ApiKeyRequests))
        {
            var day = AggregateKeys.Day(fact.Day);
            if (string.CompareOrdinal(day, _first) < 0 || string.CompareOrdinal(day, _last) > 0)
            {
                continue;
            }

            var counts = ReconciliationCounts.Zero with { CursorApiKeyRequests = (long)Math.Max(0m, Math.Round(fact.Value)) };
            var key = (fact.Developer, day);
            _days[key] = _days.TryGetValue(key, out var current) ? current.Add(counts) : counts;
        }
    }

    public ReconciliationReport Build()
    {
        var developers = _days
            .GroupBy(entry => entry.Key.Developer, StringComparer.Ordinal)
            .Select(Developer)
            .Where(developer => developer.Days.Count > 0)
            .OrderBy(developer => developer.Developer, StringComparer.Ordinal)
            .ToList();
        var total = developers.Aggregate(ReconciliationCounts.Zero, (sum, developer) => sum.Add(developer.Total));
        var bypassing = developers
            .Where(developer => developer.IsBypassing)
            .OrderByDescending(developer => developer.UnmeteredRequests)
            .ThenBy(developer => developer.Developer, StringComparer.Ordinal)
            .ToList();
        var withoutKey = developers
            .Where(developer => !developer.HasKey && developer.Developer != RecordDimensions.UnknownDeveloper && (developer.Total.CursorRequests > 0 || developer.Total.CursorApiKeyRequests > 0))
            .OrderByDescending(developer => developer.Total.CursorRequests)
            .ThenBy(developer => developer.Developer, StringComparer.Ordinal)
            .ToList();
        return new ReconciliationReport(range, total, developers.Sum(developer => developer.UnmeteredRequests), developers, bypassing, withoutKey);
    }

    private ReconciliationDeveloper Developer(IGrouping<string, KeyValuePair<(string Developer, string Day), ReconciliationCounts>> entries)
    {
        var days = new List<ReconciliationDay>();
        foreach (var (key, counts) in entries.OrderBy(entry => entry.Key.Day, StringComparer.Ordinal))
        {
            if (ReconciliationStatus.Of(counts) is { } status)
            {
                days.Add(new ReconciliationDay(DateOnly.ParseExact(key.Day, ReportRange.DateFormat, CultureInfo.InvariantCulture), status, counts));
            }
        }

        return new ReconciliationDeveloper(
            entries.Key,
            people.HasKey(entries.Key),
            days.Aggregate(ReconciliationCounts.Zero, (sum, day) => sum.Add(day.Counts)),
            days.Count(day => day.Status == ReconciliationStatus.Bypassing),
            days.Count(day => day.Status == ReconciliationStatus.Partial),
            days.Sum(day => ReconciliationStatus.Unmetered(day.Status, day.Counts)),
            days);
    }

    /// <summary>What one line adds to its developer's day, or null for a line of another source.</summary>
    private static ReconciliationCounts? Counts(LineItem item, AggregateCounters counters) => item.Source switch
    {
        UsageSources.Proxy => new ReconciliationCounts(0, 0, counters.Requests, counters.TotalTokens, 0),
        UsageSources.Cursor when item.Provider == CursorByokProvider => new ReconciliationCounts(counters.Requests, counters.TotalTokens, 0, 0, 0),
        UsageSources.Cursor => new ReconciliationCounts(0, 0, 0, 0, counters.Requests),
        _ => null,
    };
}
