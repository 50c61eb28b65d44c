using System.Globalization;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// A deterministic identity for Cursor usage events, which come without an id (https://cursor.com/docs/account/teams/admin-api).
/// </summary>
/// <remarks>
/// The identity hashes what Cursor does not correct after the fact: the millisecond timestamp, the user, the model, the
/// conversation, cloud agent, automation and service account, max mode, and the token counts. The billing kind and every
/// cent field are left out, because those are what corrections change. Events equal in all of these (the same user,
/// model and millisecond) are told apart by their order among themselves, sorted by what is left, which is
/// stable however the pages come back.
/// </remarks>
public static class CursorEventIdentity
{
    /// <summary>The prefix of Cursor record ids, beside the proxy's <c>px_</c>.</summary>
    public const string RecordPrefix = "cu_";

    /// <summary>Each event of <paramref name="events"/> with its key, 32 lowercase hex digits.</summary>
    public static IReadOnlyList<(string Key, CursorUsageEvent Event)> Assign(IEnumerable<CursorUsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var keyed = new List<(string, CursorUsageEvent)>();
        foreach (var group in events.GroupBy(Fingerprint, StringComparer.Ordinal))
        {
            var ordinal = 0;
            foreach (var usageEvent in group.OrderBy(Tiebreak, StringComparer.Ordinal))
            {
                keyed.Add((ContentHash.Of(group.Key + "\u001f" + ordinal.ToString(CultureInfo.InvariantCulture)), usageEvent));
                ordinal++;
            }
        }

        return keyed;
    }

    /// <summary>The record id of revision <paramref name="revision"/> of the event <paramref name="key"/>.</summary>
    public static string RecordId(string key, int revision) =>
        revision == 0 ? RecordPrefix + key : RecordPrefix + key + "_" + revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of the record that takes revision <paramref name="revision"/> − 1 back when it is replaced.</summary>
    public static string ReversalId(string key, int revision) => RecordId(key, revision) + "r";

    internal static string Fingerprint(CursorUsageEvent e)
    {
        var tokens = e.TokenUsage;
        return string.Join(
            '\u001f',
            e.Timestamp.ToString(CultureInfo.InvariantCulture),
            (e.UserEmail ?? string.Empty).Trim().ToLowerInvariant(),
            e.Model ?? string.Empty,
            e.ConversationId ?? string.Empty,
            e.CloudAgentId ?? string.Empty,
            e.AutomationId ?? string.Empty,
            e.ServiceAccountId ?? string.Empty,
            e.MaxMode ? "1" : "0",
            tokens is null ? "-" : FormattableString.Invariant($"{tokens.InputTokens}/{tokens.OutputTokens}/{tokens.CacheWriteTokens}/{tokens.CacheReadTokens}"));
    }

    // Orders events identical in their fingerprint; only the fields corrections may change are left to tell them apart.
    private static string Tiebreak(CursorUsageEvent e) => FormattableString.Invariant(
        $"{e.ChargedCents}/{e.CursorTokenFee}/{e.TokenUsage?.TotalCents}/{e.RequestsCosts}/{CursorEventKind.Of(e)}/{e.IsChargeable}/{e.IsHeadless}");
}
