using System.Globalization;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Where the Cursor poller's tables keep their rows. Text from outside (event keys, watermark names, member ids and
/// emails) goes through <see cref="TeamMappingKeys.EscapeKey"/>, so a key never holds a character Table Storage
/// forbids and still reads as what it is.
/// <list type="bullet">
/// <item><c>cursorledger</c>: partition <c>yyyy-MM-dd</c>, the UTC day of the event; row the event key.</item>
/// <item><c>cursorstate</c>: partition <c>watermark</c>; row the watermark's name.</item>
/// <item><c>cursorsnapshots</c>: roster partition <c>members|yyyy-MM-dd</c>, a row per member; spend partition
/// <c>spend|yyyyMMddTHHmmssZ</c> of the time it was taken, a header row <c>cycle</c> and a row per member.</item>
/// </list>
/// </summary>
public static class CursorTableKeys
{
    public const string LedgerTable = "cursorledger";
    public const string StateTable = "cursorstate";
    public const string SnapshotTable = "cursorsnapshots";

    public const string WatermarkPartition = "watermark";

    /// <summary>The row of a spend snapshot that holds its cycle, time and member count.</summary>
    public const string SpendHeaderRow = "cycle";

    private const string MembersPrefix = "members|";
    private const string SpendPrefix = "spend|";

    public static string LedgerPartition(DateOnly day) => Day(day);

    public static string LedgerRow(string eventKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        return TeamMappingKeys.EscapeKey(eventKey);
    }

    /// <summary>The event key a ledger row was written under.</summary>
    public static string EventKey(string ledgerRow) => TeamMappingKeys.UnescapeKey(ledgerRow);

    public static string WatermarkRow(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return TeamMappingKeys.EscapeKey(name);
    }

    /// <summary>The roster read on <paramref name="day"/>: <c>members|yyyy-MM-dd</c>.</summary>
    public static string MembersPartition(DateOnly day) => MembersPrefix + Day(day);

    /// <summary>The spend snapshot taken at <paramref name="takenAt"/>, to the second in UTC: <c>spend|yyyyMMddTHHmmssZ</c>.</summary>
    public static string SpendPartition(DateTimeOffset takenAt) =>
        SpendPrefix + takenAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A member's row in a roster or spend snapshot: the Cursor user id, or the normalised email when Cursor sent no id
    /// (ids look like <c>user_…</c> or a number, emails hold an <c>@</c>, so the two cannot meet).
    /// </summary>
    /// <exception cref="ArgumentException">Neither an id nor an email: the row would have no identity.</exception>
    public static string MemberRow(string? id, string? email)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            return TeamMappingKeys.EscapeKey(id.Trim());
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            return TeamMappingKeys.EscapeKey(TeamMapping.NormalizeEmail(email));
        }

        throw new ArgumentException("A Cursor member needs an id or an email to be stored.", nameof(id));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
