using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Reports;

/// <summary>
/// What a summary is broken down by: one aggregate dimension, or the day. <c>project</c> and <c>team</c> are the tags
/// of those names; any other tag is <c>tag.{name}</c>.
/// </summary>
public sealed record ReportGroupBy
{
    internal const string TagPrefix = AggregateDimension.TagPrefix;

    private ReportGroupBy(string name, AggregateDimension dimension, bool isDay)
    {
        Name = name;
        Dimension = dimension;
        IsDay = isDay;
    }

    public static ReportGroupBy Developer { get; } = new("developer", AggregateDimension.Developer, false);

    public static ReportGroupBy Key { get; } = new("key", AggregateDimension.Key, false);

    public static ReportGroupBy Project { get; } = new("project", AggregateDimension.Tag("project"), false);

    public static ReportGroupBy Team { get; } = new("team", AggregateDimension.Tag("team"), false);

    public static ReportGroupBy Model { get; } = new("model", AggregateDimension.Model, false);

    public static ReportGroupBy Provider { get; } = new("provider", AggregateDimension.Provider, false);

    public static ReportGroupBy Source { get; } = new("source", AggregateDimension.Source, false);

    /// <summary>One group per day of the range: the organisation's daily rows, never its monthly rollups.</summary>
    public static ReportGroupBy Day { get; } = new("day", AggregateDimension.Organisation, true);

    internal static IReadOnlyList<ReportGroupBy> Named { get; } = [Developer, Key, Project, Team, Model, Provider, Source, Day];

    /// <summary>The value as the <c>groupBy</c> query parameter spells it.</summary>
    public string Name { get; }

    /// <summary>The dimension whose rows hold the groups.</summary>
    public AggregateDimension Dimension { get; }

    internal bool IsDay { get; }

    /// <summary>A tag grouping: records without the tag fall into <see cref="SummaryBuilder.Untagged"/>.</summary>
    internal bool IsTag => Dimension.IsTag;

    /// <summary>Reads the <c>groupBy</c> query parameter; absent means <see cref="Developer"/>.</summary>
    public static ReportParseResult<ReportGroupBy> Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return ReportParseResult<ReportGroupBy>.Ok(Developer);
        }

        foreach (var named in Named)
        {
            if (string.Equals(named.Name, value, StringComparison.Ordinal))
            {
                return ReportParseResult<ReportGroupBy>.Ok(named);
            }
        }

        if (value.StartsWith(TagPrefix, StringComparison.Ordinal) && KeyRules.IsTagName(value[TagPrefix.Length..]))
        {
            var dimension = AggregateDimension.Tag(value[TagPrefix.Length..]);
            return ReportParseResult<ReportGroupBy>.Ok(new ReportGroupBy(dimension.Name, dimension, false));
        }

        return ReportParseResult<ReportGroupBy>.Invalid(
            "groupBy",
            $"'groupBy' must be one of {string.Join(", ", Named.Select(named => named.Name))}, or {TagPrefix}<name> for any tag "
            + "(a tag name is lowercase letters, digits, '-' or '_', starting with a letter).");
    }

    public override string ToString() => Name;
}
