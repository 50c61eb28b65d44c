namespace KeyMeter.Core.Keys;

/// <summary>
/// A developer's KeyMeter key as stored. Holds only the SHA-256 hash of the secret
/// (keys only as hashes: README, Architecture); the secret itself exists once, in the create or rotate response.
/// </summary>
public sealed record DeveloperKey(
    string Id,
    string Name,
    string OwnerEmail,
    IReadOnlyDictionary<string, string> Tags,
    KeyBudgets Budgets,
    IReadOnlyList<string> AllowedModels,
    DateTimeOffset? ExpiresAt,
    KeyStatus Status,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True when the proxy may admit a request made with this key at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) =>
        Status == KeyStatus.Active && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>
    /// True when <paramref name="model"/> is on the allow-list. An empty list allows every model;
    /// an entry ending in <c>*</c> is a prefix (<c>claude-*</c>). Comparison ignores case.
    /// </summary>
    public bool AllowsModel(string model) => ModelAllowList.Allows(AllowedModels, model);
}
