namespace KeyMeter.Core.Secrets;

/// <summary>The names of the secrets KeyMeter reads, identical in Key Vault and in <c>KeyMeter__Secrets__*</c>.</summary>
public static class SecretNames
{
    public const string OpenAIApiKey = "OpenAIApiKey";
    public const string AnthropicApiKey = "AnthropicApiKey";

    /// <summary>A Gemini API key (https://aistudio.google.com/apikey), for Gemini models through Google's OpenAI-compatible endpoint.</summary>
    public const string GoogleApiKey = "GoogleApiKey";
    public const string CursorAdminApiKey = "CursorAdminApiKey";

    /// <summary>Optional: the Azure OpenAI resource's key, used only when the app's managed identity cannot be (sent as <c>api-key</c>).</summary>
    public const string AzureOpenAIApiKey = "AzureOpenAIApiKey";

    /// <summary>Optional: the Foundry resource's key for Claude, used only when the app's managed identity cannot be (sent as <c>x-api-key</c>).</summary>
    public const string AzureAnthropicApiKey = "AzureAnthropicApiKey";

    /// <summary>The Microsoft Teams Workflows webhook URL ("Post to a channel when a webhook request is received"): it is signed, so it is a secret.</summary>
    public const string TeamsWebhookUrl = "TeamsWebhookUrl";

    /// <summary>The Slack incoming webhook URL (<c>https://hooks.slack.com/services/…</c>).</summary>
    public const string SlackWebhookUrl = "SlackWebhookUrl";

    /// <summary>The SMTP password, for teams that send email through SMTP instead of Azure Communication Services.</summary>
    public const string SmtpPassword = "SmtpPassword";

    public static IReadOnlyList<string> All { get; } = [OpenAIApiKey, AnthropicApiKey, GoogleApiKey, CursorAdminApiKey, AzureOpenAIApiKey, AzureAnthropicApiKey, TeamsWebhookUrl, SlackWebhookUrl, SmtpPassword];
}
