namespace KeyMeter.Core.Cursor;

/// <summary>
/// Normalises a usage event's billing category, which has arrived as a label (<c>"Usage-based"</c>,
/// <c>"Included in Business"</c>), as <c>kindLabel</c>, and as a <c>USAGE_EVENT_KIND_*</c> enum code
/// (the documented label, an older docs revision's field name, and the enum code of Cursor's own dashboard API).
/// The result is a short lowercase tag value.
/// </summary>
public static class CursorEventKind
{
    /// <summary>Requests made with the developer's own provider key (BYOK): <c>USER_API_KEY</c>.</summary>
    public const string Byok = "byok";

    public const string UsageBased = "usage-based";
    public const string Included = "included";
    public const string ErroredNotCharged = "errored";
    public const string AbortedNotCharged = "aborted";
    public const string FreeCredit = "free-credit";
    public const string CustomSubscription = "custom-subscription";
    public const string Unspecified = "unspecified";

    /// <summary>The normalised kind of <paramref name="usageEvent"/>: <c>kind</c>, else <c>kindLabel</c>.</summary>
    public static string Of(CursorUsageEvent usageEvent)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        return Normalize(string.IsNullOrWhiteSpace(usageEvent.Kind) ? usageEvent.KindLabel : usageEvent.Kind);
    }

    public static string Normalize(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return Unspecified;
        }

        // "USAGE_EVENT_KIND_USER_API_KEY", "User API Key", "user-api-key" all become "userapikey".
        var text = kind.Trim();
        const string EnumPrefix = "USAGE_EVENT_KIND_";
        if (text.StartsWith(EnumPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[EnumPrefix.Length..];
        }

        var squashed = new string([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return squashed switch
        {
            "userapikey" or "apikey" or "byok" or "ownapikey" => Byok,
            "usagebased" or "ondemand" => UsageBased,
            "errorednotcharged" or "errored" => ErroredNotCharged,
            "abortednotcharged" or "aborted" => AbortedNotCharged,
            "freecredit" => FreeCredit,
            "customsubscription" => CustomSubscription,
            "unspecified" or "" => Unspecified,
            _ when squashed.StartsWith("included", StringComparison.Ordinal) => Included,
            // An unknown label is kept, squashed to a safe tag value, so a new category shows up in reports.
            _ => squashed.Length > 64 ? squashed[..64] : squashed,
        };
    }
}
