namespace KeyMeter.Core.Secrets;

/// <summary>The names of the secrets KeyMeter reads, identical in Key Vault and in <c>KeyMeter__Secrets__*</c>.</summary>
public static class SecretNames
{
    public const string OpenAIApiKey = "OpenAIApiKey";
    public const string AnthropicApiKey = "AnthropicApiKey";
    public const string CursorAdminApiKey = "CursorAdminApiKey";

    public static IReadOnlyList<string> All { get; } = [OpenAIApiKey, AnthropicApiKey, CursorAdminApiKey];
}
