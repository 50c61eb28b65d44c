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

    /// <summary>Every provider, described from its settings.</summary>
    public static IReadOnlyList<ProviderDescription> Describe(ProvidersOptions options) =>
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
            ServesResponses: true),
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
            ServesResponses: false),
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
            ServesResponses: false),
    ];

    /// <summary>The model ids a provider serves: its settings' list, or the defaults when that is empty.</summary>
    private static string[] Models(ProviderEndpoint endpoint, params string[] defaults) => endpoint.Models.Count > 0 ? [.. endpoint.Models] : defaults;

    private static KeyValuePair<string, string>[] Headers(params (string Name, string? Value)[] headers) =>
        [.. headers.Where(header => !string.IsNullOrEmpty(header.Value)).Select(header => KeyValuePair.Create(header.Name, header.Value!))];
}
