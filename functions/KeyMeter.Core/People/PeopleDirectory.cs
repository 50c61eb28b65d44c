using KeyMeter.Core.Keys;

namespace KeyMeter.Core.People;

/// <summary>
/// Who is who for usage that did not pass the proxy: Cursor's <c>userEmail</c> joined to KeyMeter keys on their owner
/// email, plus the email-to-team mapping. Cursor usage gets the tags of its developer's key (the newest one that is not
/// revoked), and the mapped team overrides that key's <c>team</c> tag, so it is tagged the way proxy usage is.
/// </summary>
public sealed class PeopleDirectory
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _keyTags;
    private readonly Dictionary<string, string> _teams;

    private PeopleDirectory(Dictionary<string, IReadOnlyDictionary<string, string>> keyTags, Dictionary<string, string> teams)
    {
        _keyTags = keyTags;
        _teams = teams;
    }

    public static PeopleDirectory Empty { get; } = Build([], []);

    public static PeopleDirectory Build(IReadOnlyList<DeveloperKey> keys, IReadOnlyList<TeamAssignment> teams)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(teams);
        var keyTags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var key in keys
            .Where(key => key.Status != KeyStatus.Revoked && !string.IsNullOrWhiteSpace(key.OwnerEmail))
            .OrderBy(key => key.CreatedAt)
            .ThenBy(key => key.Id, StringComparer.Ordinal))
        {
            // Later keys overwrite earlier ones: the newest key speaks for its owner.
            keyTags[TeamMapping.NormalizeEmail(key.OwnerEmail)] = key.Tags;
        }

        var teamMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            teamMap[TeamMapping.NormalizeEmail(team.Email)] = team.Team;
        }

        return new PeopleDirectory(keyTags, teamMap);
    }

    /// <summary>True when <paramref name="email"/> owns a KeyMeter key that is not revoked.</summary>
    public bool HasKey(string? email) => !string.IsNullOrWhiteSpace(email) && _keyTags.ContainsKey(TeamMapping.NormalizeEmail(email));

    /// <summary>The tags usage of <paramref name="email"/> gets: its key's tags, with the mapped team over the key's.</summary>
    public IReadOnlyDictionary<string, string> TagsFor(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return EmptyTags;
        }

        var normalized = TeamMapping.NormalizeEmail(email);
        var hasKey = _keyTags.TryGetValue(normalized, out var keyTags);
        if (!_teams.TryGetValue(normalized, out var team))
        {
            return hasKey ? keyTags! : EmptyTags;
        }

        var tags = hasKey ? new Dictionary<string, string>(keyTags!, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        tags[TeamMapping.TagName] = team;
        return tags;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
