using System.Globalization;
using System.Text.Json;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Keys;

namespace KeyMeter.Adapters.Keys;

/// <summary>Maps keys and audit entries to Table entities and back. Only the secret's hash is ever written.</summary>
internal static class KeyEntityMapper
{
    public static TableEntity ToEntity(DeveloperKey key)
    {
        var entity = new TableEntity(KeyTableLayout.Partition, KeyTableLayout.KeyRow(key.Id))
        {
            ["Name"] = key.Name,
            ["OwnerEmail"] = key.OwnerEmail,
            ["Tags"] = JsonSerializer.Serialize(new Dictionary<string, string>(key.Tags), KeyEntityJsonContext.Default.DictionaryStringString),
            ["AllowedModels"] = JsonSerializer.Serialize(key.AllowedModels.ToList(), KeyEntityJsonContext.Default.ListString),
            ["DailyBudgetUsd"] = key.Budgets.DailyUsd?.ToString(CultureInfo.InvariantCulture),
            ["MonthlyBudgetUsd"] = key.Budgets.MonthlyUsd?.ToString(CultureInfo.InvariantCulture),
            ["ExpiresAt"] = key.ExpiresAt,
            ["Status"] = KeyChangeDescriber.Status(key.Status),
            ["SecretHash"] = key.SecretHash,
            ["CreatedAt"] = key.CreatedAt,
            ["UpdatedAt"] = key.UpdatedAt,
        };
        return entity;
    }

    public static DeveloperKey FromEntity(TableEntity entity) => new(
        Id: entity.RowKey[KeyTableLayout.KeyRow(string.Empty).Length..],
        Name: entity.GetString("Name") ?? string.Empty,
        OwnerEmail: entity.GetString("OwnerEmail") ?? string.Empty,
        Tags: JsonSerializer.Deserialize(entity.GetString("Tags") ?? "{}", KeyEntityJsonContext.Default.DictionaryStringString) ?? [],
        Budgets: new KeyBudgets(Amount(entity.GetString("DailyBudgetUsd")), Amount(entity.GetString("MonthlyBudgetUsd"))),
        AllowedModels: JsonSerializer.Deserialize(entity.GetString("AllowedModels") ?? "[]", KeyEntityJsonContext.Default.ListString) ?? [],
        ExpiresAt: entity.GetDateTimeOffset("ExpiresAt"),
        Status: entity.GetString("Status") switch
        {
            "active" => KeyStatus.Active,
            "disabled" => KeyStatus.Disabled,
            _ => KeyStatus.Revoked,
        },
        SecretHash: entity.GetString("SecretHash") ?? string.Empty,
        CreatedAt: entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
        UpdatedAt: entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch);

    public static TableEntity HashIndex(DeveloperKey key) =>
        new(KeyTableLayout.Partition, KeyTableLayout.HashRow(key.SecretHash)) { ["KeyId"] = key.Id };

    public static TableEntity NameIndex(DeveloperKey key) =>
        new(KeyTableLayout.Partition, KeyTableLayout.NameRow(key.Name)) { ["KeyId"] = key.Id };

    public static TableEntity ToEntity(KeyAuditEntry audit) =>
        new(KeyTableLayout.Partition, KeyTableLayout.AuditRow(audit.KeyId, audit.At, Guid.NewGuid().ToString("N")[..8]))
        {
            ["KeyId"] = audit.KeyId,
            ["Action"] = audit.Action,
            ["Actor"] = audit.Actor,
            ["At"] = audit.At,
            ["Changes"] = audit.Changes,
        };

    public static KeyAuditEntry AuditFromEntity(TableEntity entity) => new(
        entity.GetString("KeyId") ?? string.Empty,
        entity.GetString("Action") ?? string.Empty,
        entity.GetString("Actor") ?? string.Empty,
        entity.GetDateTimeOffset("At") ?? DateTimeOffset.UnixEpoch,
        entity.GetString("Changes") ?? string.Empty);

    private static decimal? Amount(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
