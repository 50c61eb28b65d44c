using System.Text.Json;

namespace KeyMeter.Core.Keys;

/// <summary>
/// Reads a PATCH body as a JSON merge patch (RFC 7396) into a <see cref="KeyPatch"/>. Unknown members are
/// errors, so a typo never turns into a silent no-op.
/// </summary>
public static class KeyPatchParser
{
    public static KeyPatch Parse(JsonElement body, KeyValidationErrors errors)
    {
        var patch = new KeyPatch(default, default, default, default, default, default);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return patch;
        }

        foreach (var member in body.EnumerateObject())
        {
            patch = member.Name switch
            {
                "budgets" => ReadBudgets(member.Value, patch, errors),
                "tags" => patch with { Tags = Optional<IReadOnlyDictionary<string, string>?>.Of(ReadTags(member.Value, errors)) },
                "allowedModels" => patch with { AllowedModels = Optional<IReadOnlyList<string>?>.Of(ReadModels(member.Value, errors)) },
                "status" => ReadStatus(member.Value, patch, errors),
                "expiresAt" => ReadExpiry(member.Value, patch, errors),
                _ => Unknown(member.Name, patch, errors),
            };
        }

        return patch;
    }

    private static KeyPatch Unknown(string name, KeyPatch patch, KeyValidationErrors errors)
    {
        errors.Add(name, "Unknown or read-only field; PATCH accepts budgets, tags, allowedModels, status and expiresAt.");
        return patch;
    }

    private static KeyPatch ReadBudgets(JsonElement value, KeyPatch patch, KeyValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return patch with { DailyBudget = Optional<decimal?>.Of(null), MonthlyBudget = Optional<decimal?>.Of(null) };
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("budgets", "Budgets must be an object with 'daily' and/or 'monthly' in USD.");
            return patch;
        }

        foreach (var member in value.EnumerateObject())
        {
            var amount = ReadAmount(member, errors);
            patch = member.Name switch
            {
                "daily" => patch with { DailyBudget = Optional<decimal?>.Of(amount) },
                "monthly" => patch with { MonthlyBudget = Optional<decimal?>.Of(amount) },
                _ => Unknown("budgets." + member.Name, patch, errors),
            };
        }

        return patch;
    }

    private static decimal? ReadAmount(JsonProperty member, KeyValidationErrors errors)
    {
        if (member.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetDecimal(out var amount))
        {
            return amount;
        }

        errors.Add("budgets." + member.Name, "Budget must be a number of USD or null for no limit.");
        return null;
    }

    private static Dictionary<string, string>? ReadTags(JsonElement value, KeyValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("tags", "Tags must be an object of string values.");
            return tags;
        }

        foreach (var member in value.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add("tags", "Tags must be an object of string values.");
                continue;
            }

            tags[member.Name] = member.Value.GetString()!;
        }

        return tags;
    }

    private static List<string>? ReadModels(JsonElement value, KeyValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var models = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("allowedModels", "Allowed models must be an array of model ids.");
            return models;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add("allowedModels", "Allowed models must be an array of model ids.");
                continue;
            }

            models.Add(item.GetString()!);
        }

        return models;
    }

    private static KeyPatch ReadStatus(JsonElement value, KeyPatch patch, KeyValidationErrors errors)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        switch (text)
        {
            case "active":
                return patch with { Status = Optional<KeyStatus>.Of(KeyStatus.Active) };
            case "disabled":
                return patch with { Status = Optional<KeyStatus>.Of(KeyStatus.Disabled) };
            default:
                errors.Add("status", "Status must be 'active' or 'disabled'; revoke a key with DELETE.");
                return patch;
        }
    }

    private static KeyPatch ReadExpiry(JsonElement value, KeyPatch patch, KeyValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return patch with { ExpiresAt = Optional<DateTimeOffset?>.Of(null) };
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at))
        {
            return patch with { ExpiresAt = Optional<DateTimeOffset?>.Of(at) };
        }

        errors.Add("expiresAt", "Expiry must be an ISO 8601 timestamp with offset, or null.");
        return patch;
    }
}
