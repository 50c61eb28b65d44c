namespace KeyMeter.Core.People;

/// <summary>Rules of the email-to-team mapping.</summary>
public static class TeamMapping
{
    /// <summary>The tag Cursor usage gets from the mapping; it matches the <c>team</c> tag on keys.</summary>
    public const string TagName = "team";

    /// <summary>Emails compare case-insensitively, as owner emails do in the aggregates.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
