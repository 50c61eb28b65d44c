using System.Globalization;
using System.Text;

namespace KeyMeter.Core.People;

/// <summary>
/// Where the email-to-team mapping lives: table <c>teams</c>, one partition <c>team</c> (a few hundred rows, written
/// by hand through <c>/manage/teams</c>), the escaped normalised email as row key. Also the reversible escape every
/// KeyMeter key built from outside text goes through.
/// </summary>
public static class TeamMappingKeys
{
    public const string TableName = "teams";
    public const string Partition = "team";

    /// <summary>The row of <paramref name="email"/>, normalised with <see cref="TeamMapping.NormalizeEmail"/> and escaped.</summary>
    public static string Row(string email) => EscapeKey(TeamMapping.NormalizeEmail(email));

    /// <summary>
    /// <paramref name="value"/> with <c>%</c>, <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and the control characters
    /// (U+0000-U+001F, U+007F-U+009F) written as <c>%XX</c>, the code unit in two uppercase hex digits: keys may not
    /// contain those characters (docs "Understanding the Table service data model", Characters disallowed in key
    /// fields). Everything else stays as it is, so an ordinary email is its own key; <c>%</c> is escaped too, so
    /// <see cref="UnescapeKey"/> undoes it exactly.
    /// </summary>
    public static string EscapeKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(MustEscape))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape(c))
            {
                // Every character escaped is at most U+009F, so two hex digits hold it.
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>The value <see cref="EscapeKey"/> turned into <paramref name="key"/>.</summary>
    /// <exception cref="FormatException">A <c>%</c> not followed by two hex digits.</exception>
    public static string UnescapeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var value = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != '%')
            {
                value.Append(key[i]);
                continue;
            }

            if (i + 2 >= key.Length
                || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException("A '%' in an escaped key must be followed by two hex digits.");
            }

            value.Append((char)code);
            i += 2;
        }

        return value.ToString();
    }

    private static bool MustEscape(char c) => c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);
}
