using KeyMeter.Core.Metering;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Agents;

/// <summary>
/// Where <see cref="AgentFact"/>s live: table <c>agentfacts</c>, a partition per UTC month (<c>yyyy-MM</c>), a row per
/// fact <c>{yyyy-MM-dd}|{developer}|{agent}|{name}|{series}</c>. Each part goes through
/// <see cref="TeamMappingKeys.EscapeKey"/> and has its <c>|</c> written as <c>%7C</c>, so no part reaches into the next:
/// two facts share a row exactly when they share day, developer, agent, name and series, and writing one replaces the
/// other. Rows sort by day first, so a range of days in a month is one row-key range.
/// </summary>
/// <remarks>
/// A key may hold at most 1 KiB (docs "Understanding the Table service data model"). A row that would be longer keeps its
/// day and replaces the rest by <c>h:</c> and a digest of the whole row; it has two parts where every other row has five,
/// so the two forms never meet.
/// </remarks>
public static class AgentFactKeys
{
    public const string TableName = "agentfacts";

    /// <summary>The longest row key: 1 KiB of UTF-16.</summary>
    public const int MaxRowLength = 512;

    private const char Separator = '|';
    private const string DigestPrefix = "h:";

    /// <summary>The month partition of <paramref name="day"/>: <c>yyyy-MM</c>.</summary>
    public static string Partition(DateOnly day) => Aggregation.AggregateKeys.Partition(day);

    /// <summary>The partitions of the months from <paramref name="from"/> to <paramref name="to"/>, both included, in order; none when <paramref name="to"/> is earlier.</summary>
    public static IEnumerable<string> Partitions(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            yield break;
        }

        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            yield return Partition(month);
        }
    }

    /// <exception cref="ArgumentException">The developer, agent, name or series is empty.</exception>
    public static string Row(AgentFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentException.ThrowIfNullOrEmpty(fact.Developer, nameof(fact));
        ArgumentException.ThrowIfNullOrEmpty(fact.Agent, nameof(fact));
        ArgumentException.ThrowIfNullOrEmpty(fact.Name, nameof(fact));
        ArgumentException.ThrowIfNullOrEmpty(fact.Series, nameof(fact));
        var day = RowFrom(fact.Day);
        var row = string.Join(Separator, day, Part(fact.Developer), Part(fact.Agent), Part(fact.Name), Part(fact.Series));
        return row.Length <= MaxRowLength ? row : day + Separator + DigestPrefix + ContentHash.Of(row);
    }

    /// <summary>The lowest row key of <paramref name="day"/>: every row of the day sorts at or after it, every row of the day before sorts before.</summary>
    public static string RowFrom(DateOnly day) => Aggregation.AggregateKeys.Day(day);

    private static string Part(string value) => TeamMappingKeys.EscapeKey(value).Replace("|", "%7C", StringComparison.Ordinal);
}
