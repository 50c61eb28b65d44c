using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// One way of slicing usage: the organisation total, source, provider, model, key, developer, one tag, or the
/// billing line (key × developer × provider × model × source × tags) that the FOCUS export is made of.
/// </summary>
/// <remarks>
/// <see cref="Buckets"/> spreads a dimension with many values over several rows so that no row outgrows Table
/// Storage's entity limit (1 MiB); a value always lands in the same bucket (<see cref="AggregateKeys.Bucket"/>).
/// </remarks>
public readonly record struct AggregateDimension
{
    public const string TagPrefix = "tag.";

    private AggregateDimension(string name, int buckets, bool hasMonthlyRollup)
    {
        Name = name;
        Buckets = buckets;
        HasMonthlyRollup = hasMonthlyRollup;
    }

    /// <summary>The name in row keys and reports: <c>org</c>, <c>source</c>, <c>provider</c>, <c>model</c>, <c>key</c>, <c>developer</c>, <c>line</c>, <c>devhour</c>, <c>session</c> or <c>tag.{name}</c>.</summary>
    public string Name { get; }

    /// <summary>How many rows one period of this dimension is spread over.</summary>
    public int Buckets { get; }

    /// <summary>False for <see cref="Line"/>, <see cref="DeveloperHour"/> and <see cref="Session"/>, which are read by day.</summary>
    public bool HasMonthlyRollup { get; }

    public bool IsTag => Name.StartsWith(TagPrefix, StringComparison.Ordinal);

    /// <summary>The tag name of a tag dimension (<c>team</c> for <c>tag.team</c>); null otherwise.</summary>
    public string? TagName => IsTag ? Name[TagPrefix.Length..] : null;

    public static AggregateDimension Organisation { get; } = new("org", 1, true);

    public static AggregateDimension Source { get; } = new("source", 1, true);

    public static AggregateDimension Provider { get; } = new("provider", 1, true);

    public static AggregateDimension Model { get; } = new("model", 1, true);

    public static AggregateDimension Key { get; } = new("key", 4, true);

    public static AggregateDimension Developer { get; } = new("developer", 4, true);

    public static AggregateDimension Line { get; } = new("line", 4, false);

    /// <summary>
    /// A developer's usage by UTC hour of day, value <c>{developer}|{HH}</c>: what the digests' night-hours check reads.
    /// Daily rows only, like <see cref="Line"/>.
    /// </summary>
    public static AggregateDimension DeveloperHour { get; } = new("devhour", 4, false);

    /// <summary>
    /// Calls by session and model (<see cref="SessionEntry"/>), each entry with the span of its calls
    /// (<see cref="AggregateCounters.FirstAt"/>): what the sessions report and the agent comparison read. Daily rows
    /// only; every record but a Cursor seat has a value.
    /// </summary>
    public static AggregateDimension Session { get; } = new("session", 8, false);

    /// <summary>The dimensions records have, in a fixed order; tags come on top.</summary>
    public static IReadOnlyList<AggregateDimension> Fixed { get; } = [Organisation, Source, Provider, Model, Key, Developer, Line, DeveloperHour, Session];

    /// <summary>The dimension of tag <paramref name="tagName"/> (a <see cref="Keys.KeyRules"/> tag name).</summary>
    public static AggregateDimension Tag(string tagName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tagName);
        return new AggregateDimension(TagPrefix + tagName, 1, true);
    }

    /// <summary>Parses a dimension name as written in a row (<see cref="Name"/>).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out AggregateDimension? dimension)
    {
        dimension = null;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var candidate in Fixed)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                dimension = candidate;
                return true;
            }
        }

        if (name.StartsWith(TagPrefix, StringComparison.Ordinal) && Keys.KeyRules.IsTagName(name[TagPrefix.Length..]))
        {
            dimension = Tag(name[TagPrefix.Length..]);
            return true;
        }

        return false;
    }

    public override string ToString() => Name;
}
