using KeyMeter.Core.Keys;

namespace KeyMeter.Core.People;

/// <summary>
/// Rules of the email-to-team mapping. A rule that fails is a message (errors are values): the endpoints put it under
/// the field, the CSV import under the line. Messages never echo the input.
/// </summary>
public static class TeamMapping
{
    /// <summary>The tag Cursor usage gets from the mapping; it matches the <c>team</c> tag on keys.</summary>
    public const string TagName = "team";

    /// <summary>A team is a <c>team</c> tag value, so it obeys the same limit as a key's tag values.</summary>
    public const int MaxTeamLength = KeyRules.MaxTagValueLength;

    public const int MinEmailLength = 3;

    public const int MaxEmailLength = KeyRules.MaxEmailLength;

    public static readonly string InvalidEmail =
        $"Email must be a single address such as dev@example.com: one '@', {MinEmailLength} to {MaxEmailLength} characters, no spaces.";

    public static readonly string InvalidTeam =
        $"Team must be 1 to {MaxTeamLength} printable characters.";

    /// <summary>Emails compare case-insensitively, as owner emails do in the aggregates.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>Teams keep their case (tag values do) but not surrounding spaces, which CSV cells often carry.</summary>
    public static string NormalizeTeam(string team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return team.Trim();
    }

    /// <summary>
    /// True for what can be an email once trimmed: one '@' with text on both sides, no whitespace or control characters.
    /// Deliberately looser than <see cref="KeyRules.CheckEmail"/>: Cursor's <c>userEmail</c> is whatever the identity
    /// provider gave, and a mapping that refuses it cannot tag its usage.
    /// </summary>
    public static bool IsEmail(string? email)
    {
        if (email is null)
        {
            return false;
        }

        var trimmed = email.AsSpan().Trim();
        var at = trimmed.IndexOf('@');
        return trimmed.Length is >= MinEmailLength and <= MaxEmailLength
            && at > 0
            && at == trimmed.LastIndexOf('@')
            && at < trimmed.Length - 1
            && !HasAny(trimmed, c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    /// <summary>True for a team once trimmed: 1 to <see cref="MaxTeamLength"/> characters, none of them control characters.</summary>
    public static bool IsTeamName(string? team)
    {
        if (team is null)
        {
            return false;
        }

        var trimmed = team.AsSpan().Trim();
        return trimmed.Length is > 0 and <= MaxTeamLength && !HasAny(trimmed, char.IsControl);
    }

    /// <summary>Null when <paramref name="email"/> is an email, otherwise what is wrong with it.</summary>
    public static string? EmailError(string? email) => IsEmail(email) ? null : InvalidEmail;

    /// <summary>Null when <paramref name="team"/> is a team, otherwise what is wrong with it.</summary>
    public static string? TeamError(string? team) => IsTeamName(team) ? null : InvalidTeam;

    /// <summary>The normalised assignment of a valid <paramref name="email"/> and <paramref name="team"/>.</summary>
    public static TeamAssignment Assign(string email, string team)
    {
        if (!IsEmail(email) || !IsTeamName(team))
        {
            throw new ArgumentException("Check the email and team with EmailError and TeamError first.");
        }

        return new TeamAssignment(NormalizeEmail(email), NormalizeTeam(team));
    }

    private static bool HasAny(ReadOnlySpan<char> text, Func<char, bool> matches)
    {
        foreach (var c in text)
        {
            if (matches(c))
            {
                return true;
            }
        }

        return false;
    }
}
