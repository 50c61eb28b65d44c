using System.Globalization;
using System.Text;

namespace KeyMeter.Core.Keys;

/// <summary>Describes what changed between two versions of a key for the audit trail. Never mentions the secret.</summary>
public static class KeyChangeDescriber
{
    public static string Describe(DeveloperKey before, DeveloperKey after)
    {
        var text = new StringBuilder();
        Compare(text, "budgets.daily", Amount(before.Budgets.DailyUsd), Amount(after.Budgets.DailyUsd));
        Compare(text, "budgets.monthly", Amount(before.Budgets.MonthlyUsd), Amount(after.Budgets.MonthlyUsd));
        Compare(text, "tags", Tags(before.Tags), Tags(after.Tags));
        Compare(text, "allowedModels", string.Join(',', before.AllowedModels), string.Join(',', after.AllowedModels));
        Compare(text, "status", Status(before.Status), Status(after.Status));
        Compare(text, "expiresAt", Time(before.ExpiresAt), Time(after.ExpiresAt));
        return text.Length == 0 ? "no change" : text.ToString();
    }

    /// <summary>Describes a new key's settings.</summary>
    public static string Describe(DeveloperKey created) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"name={created.Name}; owner={created.OwnerEmail}; budgets.daily={Amount(created.Budgets.DailyUsd)}; budgets.monthly={Amount(created.Budgets.MonthlyUsd)}; tags={Tags(created.Tags)}; allowedModels={string.Join(',', created.AllowedModels)}; expiresAt={Time(created.ExpiresAt)}");

    public static string Status(KeyStatus status) => status switch
    {
        KeyStatus.Active => "active",
        KeyStatus.Disabled => "disabled",
        _ => "revoked",
    };

    private static void Compare(StringBuilder text, string field, string before, string after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append("; ");
        }

        text.Append(field).Append(": ").Append(before).Append(" -> ").Append(after);
    }

    private static string Amount(decimal? value) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string Time(DateTimeOffset? value) =>
        value?.ToString("O", CultureInfo.InvariantCulture) ?? "none";

    private static string Tags(IReadOnlyDictionary<string, string> tags) =>
        string.Join(',', tags.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value));
}
