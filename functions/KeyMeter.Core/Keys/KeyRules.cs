using System.Net.Mail;
using System.Text.RegularExpressions;

namespace KeyMeter.Core.Keys;

/// <summary>The rules every key field obeys, shared by create and patch. Messages name the rule, never echo secrets.</summary>
public static partial class KeyRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxTags = 20;
    public const int MaxTagValueLength = 128;
    public const int MaxAllowedModels = 100;
    public const int MaxModelLength = 128;

    /// <summary>Budgets above this are almost certainly a typo (cents for dollars).</summary>
    public const decimal MaxBudgetUsd = 10_000_000m;

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagKeyPattern();

    /// <summary>True for a tag name: lowercase letters, digits, '-' or '_', starting with a letter, at most 32 characters.</summary>
    public static bool IsTagName(string? name) => name is not null && TagKeyPattern().IsMatch(name);

    public static void CheckName(string? name, KeyValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "Name is required.");
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"Name must be at most {MaxNameLength} characters.");
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add("name", "Name must not contain control characters.");
        }
    }

    public static void CheckEmail(string? email, KeyValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add("ownerEmail", "Owner email is required.");
            return;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength
            || !MailAddress.TryCreate(trimmed, out var parsed)
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add("ownerEmail", "Owner email must be a single address such as dev@example.com.");
        }
    }

    public static void CheckBudget(string field, decimal? value, KeyValidationErrors errors)
    {
        if (value is < 0)
        {
            errors.Add(field, "Budget must not be negative.");
        }
        else if (value > MaxBudgetUsd)
        {
            errors.Add(field, $"Budget must be at most {MaxBudgetUsd} USD.");
        }
    }

    public static void CheckTags(IReadOnlyDictionary<string, string>? tags, KeyValidationErrors errors)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            errors.Add("tags", $"At most {MaxTags} tags.");
        }

        foreach (var (key, value) in tags)
        {
            if (!TagKeyPattern().IsMatch(key))
            {
                errors.Add("tags", $"Tag name '{Truncate(key)}' must be lowercase letters, digits, '-' or '_', starting with a letter, at most 32 characters.");
            }

            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTagValueLength || value.Any(char.IsControl))
            {
                errors.Add("tags", $"Tag '{Truncate(key)}' needs a value of 1 to {MaxTagValueLength} printable characters.");
            }
        }
    }

    public static void CheckAllowedModels(IReadOnlyList<string>? models, KeyValidationErrors errors)
    {
        if (models is null)
        {
            return;
        }

        if (models.Count > MaxAllowedModels)
        {
            errors.Add("allowedModels", $"At most {MaxAllowedModels} models.");
        }

        foreach (var model in models)
        {
            var star = model?.IndexOf('*', StringComparison.Ordinal) ?? -1;
            if (string.IsNullOrWhiteSpace(model) || model.Length > MaxModelLength
                || model.Any(char.IsWhiteSpace) || (star >= 0 && star != model.Length - 1))
            {
                errors.Add("allowedModels", $"'{Truncate(model ?? string.Empty)}' is not a model id; use an exact id or a prefix ending in '*'.");
            }
        }
    }

    public static void CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now, KeyValidationErrors errors)
    {
        if (expiresAt is { } at && at <= now)
        {
            errors.Add("expiresAt", "Expiry must be in the future.");
        }
    }

    /// <summary>Normalises a name for uniqueness: trimmed, case-insensitive.</summary>
    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
