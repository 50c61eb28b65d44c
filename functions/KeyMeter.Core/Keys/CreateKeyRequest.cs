namespace KeyMeter.Core.Keys;

/// <summary>Body of <c>POST /manage/keys</c>. Fields are nullable so that validation, not the parser, names what is missing.</summary>
public sealed record CreateKeyRequest(
    string? Name,
    string? OwnerEmail,
    Dictionary<string, string>? Tags,
    BudgetsInput? Budgets,
    List<string>? AllowedModels,
    DateTimeOffset? ExpiresAt);
