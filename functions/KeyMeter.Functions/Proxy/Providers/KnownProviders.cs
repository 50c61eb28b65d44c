using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The providers KeyMeter can forward to, each described once. Adding a provider is one entry here, a settings
/// property in <see cref="ProvidersOptions"/>, its prices and its tests (README, Extending KeyMeter).
/// </summary>
internal static class KnownProviders
{
    public const string OpenAI = PriceProviders.OpenAI;
    public const string Anthropic = PriceProviders.Anthropic;
    public const string Google = PriceProviders.Google;
    public const string AzureOpenAI = "azure-openai";
    public const string AzureAnthropic = "azure-anthropic";

    // https://learn.microsoft.com/azure/foundry/openai/api-version-lifecycle: Azure OpenAI's v1 API takes Entra tokens of this scope.
    private const string CognitiveServicesScope = "https://cognitiveservices.azure.com/.default";

    // https://github.com/anthropics/anthropic-sdk-typescript/blob/main/packages/foundry-sdk/README.md: Claude on Foundry's.
    private const string FoundryScope = "https://ai.azure.com/.default";

    private static readonly IReadOnlyDictionary<string, string> NoDeployments = new Dictionary<string, string>();

    /// <summary>Every provider, described from its settings; one without a base URL (an Azure provider not set up) is left out.</summary>
    public static IReadOnlyList<ProviderDescription> Describe(ProvidersOptions options) =>
        [.. All(options).Where(provider => provider.BaseUrl is not null)];

    private static IEnumerable<ProviderDescription> All(ProvidersOptions options) =>
    [
        new(
            OpenAI,
            nameof(ProvidersOptions.OpenAI),
            ProviderDialect.OpenAI,
            options.OpenAI.BaseUrl!,
            ProviderCredential.Bearer(SecretNames.OpenAIApiKey),
            PriceProviders.OpenAI,
            Headers(("OpenAI-Organization", options.OpenAI.Organization), ("OpenAI-Project", options.OpenAI.Project)),
            [],
            // https://platform.openai.com/docs/guides/priority-processing and /docs/guides/scale-tier
            ["priority", "scale"],
            Models(options.OpenAI, "gpt-*", "o*", "chatgpt-*", "ft:*", "codex-*", "computer-use-*", "text-embedding-*", "davinci-*", "babbage-*"),
            ServesResponses: true,
            NoDeployments),
        new(
            Anthropic,
            nameof(ProvidersOptions.Anthropic),
            ProviderDialect.Anthropic,
            options.Anthropic.BaseUrl!,
            ProviderCredential.InHeader(SecretNames.AnthropicApiKey, "x-api-key"),
            PriceProviders.Anthropic,
            [],
            // Required by the Messages API; clients normally send it (https://docs.anthropic.com/en/api/versioning).
            [KeyValuePair.Create("anthropic-version", "2023-06-01")],
            [],
            Models(options.Anthropic, "claude-*"),
            ServesResponses: false,
            NoDeployments),
        new(
            Google,
            nameof(ProvidersOptions.Google),
            ProviderDialect.OpenAI,
            options.Google.BaseUrl!,
            // https://ai.google.dev/gemini-api/docs/openai: the Gemini API key as a bearer token.
            ProviderCredential.Bearer(SecretNames.GoogleApiKey),
            PriceProviders.Google,
            [],
            [],
            [],
            Models(options.Google, "gemini-*"),
            ServesResponses: false,
            NoDeployments),
        new(
            AzureOpenAI,
            nameof(ProvidersOptions.AzureOpenAI),
            ProviderDialect.OpenAI,
            options.AzureOpenAI.BaseUrl!,
            // A Microsoft Entra token, or the resource's key in api-key.
            ProviderCredential.ManagedIdentityOrKey(CognitiveServicesScope, SecretNames.AzureOpenAIApiKey, "api-key", options.AzureOpenAI.Authentication),
            PriceProviders.OpenAI,
            [],
            [],
            // Priority processing is billed above the standard prices KeyMeter meters at.
            ["priority"],
            [.. options.AzureOpenAI.Models],
            ServesResponses: true,
            Deployments(options.AzureOpenAI)),
        new(
            AzureAnthropic,
            nameof(ProvidersOptions.AzureAnthropic),
            ProviderDialect.Anthropic,
            options.AzureAnthropic.BaseUrl!,
            // https://learn.microsoft.com/azure/foundry/foundry-models/how-to/use-foundry-models-claude: Entra ID, or the key in x-api-key.
            ProviderCredential.ManagedIdentityOrKey(FoundryScope, SecretNames.AzureAnthropicApiKey, "x-api-key", options.AzureAnthropic.Authentication),
            PriceProviders.Anthropic,
            [],
            [KeyValuePair.Create("anthropic-version", "2023-06-01")],
            [],
            [.. options.AzureAnthropic.Models],
            ServesResponses: false,
            Deployments(options.AzureAnthropic)),
    ];

    /// <summary>The models deployed on an Azure resource: model id to deployment name.</summary>
    private static Dictionary<string, string> Deployments(ProviderEndpoint endpoint) =>
        endpoint.Deployments.ToDictionary(deployment => deployment.Model!, deployment => deployment.Deployment!, StringComparer.Ordinal);

    /// <summary>The model ids a provider serves: its settings' list, or the defaults when that is empty.</summary>
    private static string[] Models(ProviderEndpoint endpoint, params string[] defaults) => endpoint.Models.Count > 0 ? [.. endpoint.Models] : defaults;

    private static KeyValuePair<string, string>[] Headers(params (string Name, string? Value)[] headers) =>
        [.. headers.Where(header => !string.IsNullOrEmpty(header.Value)).Select(header => KeyValuePair.Create(header.Name, header.Value!))];
}
