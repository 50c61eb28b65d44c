namespace KeyMeter.Functions.Tests.Cursor;

/// <summary>
/// One user's day the stand-in serves from <c>/teams/daily-usage-data</c>, and how its JSON is written.
/// </summary>
/// <param name="Email">Null: the row carries <c>"email": null</c>.</param>
/// <param name="Counts">The count fields sent, by their JSON name (<c>totalLinesAdded</c>, <c>apiKeyReqs</c>, ...); any other is left out.</param>
/// <param name="AsStrings">Send the counts, <c>userId</c> and <c>date</c> as strings, as other clients have met them.</param>
internal sealed record StandInDailyUsage(DateOnly Day, long UserId, string? Email, IReadOnlyDictionary<string, long> Counts, bool AsStrings = false)
{
    /// <summary>Every count field Cursor documents for a row, in its order.</summary>
    public static IReadOnlyList<string> CountFields { get; } =
    [
        "totalLinesAdded", "totalLinesDeleted", "acceptedLinesAdded", "acceptedLinesDeleted", "totalApplies", "totalAccepts",
        "totalRejects", "totalTabsShown", "totalTabsAccepted", "composerRequests", "chatRequests", "agentRequests",
        "cmdkUsages", "subscriptionIncludedReqs", "apiKeyReqs", "usageBasedReqs", "bugbotUsages",
    ];

    /// <summary>A row with every documented count, each a different number from <paramref name="seed"/> up.</summary>
    public static StandInDailyUsage Full(DateOnly day, long userId, string? email, long seed) =>
        new(day, userId, email, CountFields.Select((field, i) => (field, seed + i)).ToDictionary(entry => entry.field, entry => entry.Item2));
}
