using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Manage;

/// <summary>A key as management endpoints show it: everything but the secret, which is never returned again.</summary>
internal sealed record KeyResponse(
    string Id,
    string Name,
    string OwnerEmail,
    IReadOnlyDictionary<string, string> Tags,
    BudgetsInput Budgets,
    IReadOnlyList<string> AllowedModels,
    DateTimeOffset? ExpiresAt,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static KeyResponse Of(DeveloperKey key) => new(
        key.Id,
        key.Name,
        key.OwnerEmail,
        key.Tags,
        new BudgetsInput(key.Budgets.DailyUsd, key.Budgets.MonthlyUsd),
        key.AllowedModels,
        key.ExpiresAt,
        KeyChangeDescriber.Status(key.Status),
        key.CreatedAt,
        key.UpdatedAt);
}
