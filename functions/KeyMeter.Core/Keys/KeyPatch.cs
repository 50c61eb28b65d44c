namespace KeyMeter.Core.Keys;

/// <summary>
/// A parsed <c>PATCH /manage/keys/{id}</c> body with JSON merge-patch semantics (RFC 7396): an absent
/// member leaves the value unchanged, <c>null</c> clears it.
/// </summary>
public sealed record KeyPatch(
    Optional<decimal?> DailyBudget,
    Optional<decimal?> MonthlyBudget,
    Optional<IReadOnlyDictionary<string, string>?> Tags,
    Optional<IReadOnlyList<string>?> AllowedModels,
    Optional<KeyStatus> Status,
    Optional<DateTimeOffset?> ExpiresAt)
{
    public bool IsEmpty =>
        !DailyBudget.IsPresent && !MonthlyBudget.IsPresent && !Tags.IsPresent
        && !AllowedModels.IsPresent && !Status.IsPresent && !ExpiresAt.IsPresent;
}
