using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>The dimension values one usage record counts under: exactly one value in every fixed dimension, one per tag.</summary>
public static class RecordDimensions
{
    /// <summary>The developer value when a record has no owner email (a Cursor event for an unknown user, say).</summary>
    public const string UnknownDeveloper = "(unknown)";

    /// <summary>The key value of records that did not pass through a KeyMeter key (Cursor Admin API usage).</summary>
    public const string NoKey = "(none)";

    public static IReadOnlyList<(AggregateDimension Dimension, string Value)> Of(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var developer = Developer(record.OwnerEmail);
        var key = string.IsNullOrEmpty(record.KeyId) ? NoKey : record.KeyId;
        var tags = record.Tags is null
            ? []
            : record.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).ToList();
        var line = new LineItem(record.Source, record.Provider, record.Model, key, developer, tags);

        var values = new List<(AggregateDimension, string)>(AggregateDimension.Fixed.Count + tags.Count)
        {
            (AggregateDimension.Organisation, "all"),
            (AggregateDimension.Source, record.Source),
            (AggregateDimension.Provider, record.Provider),
            (AggregateDimension.Model, record.Model),
            (AggregateDimension.Key, key),
            (AggregateDimension.Developer, developer),
            (AggregateDimension.Line, line.Encode()),
            (AggregateDimension.DeveloperHour, DeveloperHour(developer, record.StartedAt.UtcDateTime.Hour)),
        };
        if (SessionEntry.Of(record, developer) is { } session)
        {
            values.Add((AggregateDimension.Session, session.Encode()));
        }

        foreach (var (name, value) in tags)
        {
            values.Add((AggregateDimension.Tag(name), value));
        }

        return values;
    }

    /// <summary>The <see cref="AggregateDimension.DeveloperHour"/> value: <c>{developer}|{HH}</c>, the UTC hour.</summary>
    public static string DeveloperHour(string developer, int utcHour) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{developer}|{utcHour:00}");

    /// <summary>Owner emails are compared case-insensitively, so the developer value is the lowercased email.</summary>
    public static string Developer(string? ownerEmail) =>
        string.IsNullOrWhiteSpace(ownerEmail) ? UnknownDeveloper : ownerEmail.Trim().ToLowerInvariant();
}
