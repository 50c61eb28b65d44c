using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Every provider's settings, <c>KeyMeter__Providers__&lt;Name&gt;__…</c>, one property per provider in
/// <see cref="KnownProviders"/>: base URLs (defaults: <c>https://api.openai.com/v1</c>,
/// <c>https://api.anthropic.com</c>, <c>https://generativelanguage.googleapis.com/v1beta/openai</c>; none for the
/// Azure providers, which are off until theirs is set), the model ids each serves, the models deployed on the Azure
/// resources, how KeyMeter authenticates to Azure, and the OpenAI organisation and project billed
/// (<c>KeyMeter__Providers__OpenAI__Organization</c>, <c>…__Project</c>).
/// </summary>
public sealed partial class ProvidersOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Providers";

    public ProviderEndpoint OpenAI { get; set; } = new() { BaseUrl = new Uri("https://api.openai.com/v1") };

    public ProviderEndpoint Anthropic { get; set; } = new() { BaseUrl = new Uri("https://api.anthropic.com") };

    /// <summary>Gemini through Google's OpenAI-compatible endpoint (https://ai.google.dev/gemini-api/docs/openai).</summary>
    public ProviderEndpoint Google { get; set; } = new() { BaseUrl = new Uri("https://generativelanguage.googleapis.com/v1beta/openai") };

    /// <summary>
    /// Azure OpenAI or a Foundry resource's v1 API, <c>https://&lt;resource&gt;.openai.azure.com/openai/v1</c>
    /// (https://learn.microsoft.com/azure/foundry/openai/api-version-lifecycle); off until set.
    /// </summary>
    public ProviderEndpoint AzureOpenAI { get; set; } = new();

    /// <summary>
    /// Claude on a Foundry resource, <c>https://&lt;resource&gt;.services.ai.azure.com/anthropic</c>
    /// (https://learn.microsoft.com/azure/foundry/foundry-models/how-to/use-foundry-models-claude); off until set.
    /// </summary>
    public ProviderEndpoint AzureAnthropic { get; set; } = new();

    /// <summary>Each provider's setting name and settings, in the order <see cref="KnownProviders.Describe"/> describes them.</summary>
    public IEnumerable<(string Name, ProviderEndpoint Endpoint)> Endpoints() =>
    [
        (nameof(OpenAI), OpenAI),
        (nameof(Anthropic), Anthropic),
        (nameof(Google), Google),
        (nameof(AzureOpenAI), AzureOpenAI),
        (nameof(AzureAnthropic), AzureAnthropic),
    ];

    /// <summary>Whether <paramref name="name"/> is an Azure provider: off without a base URL, deployments and managed identity.</summary>
    public static bool IsAzure(string name) => name is nameof(AzureOpenAI) or nameof(AzureAnthropic);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var deployedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, endpoint) in Endpoints())
        {
            if (endpoint.BaseUrl is null && IsAzure(name))
            {
                if (endpoint.Deployments.Count > 0 || endpoint.Models.Count > 0)
                {
                    yield return new ValidationResult($"KeyMeter__Providers__{name}__BaseUrl must be set when the provider has Deployments or Models.", [name]);
                }
            }
            else if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback))
            {
                yield return new ValidationResult($"KeyMeter__Providers__{name}__BaseUrl must be an absolute https URL (http only for loopback).", [name]);
            }

            foreach (var pattern in endpoint.Models.Where(pattern => pattern.Length is 0 or > 256 || pattern.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != pattern.Length - 1))
            {
                yield return new ValidationResult($"KeyMeter__Providers__{name}__Models has '{pattern}': a model id, or a prefix ending in one '*'.", [name]);
            }

            foreach (var (setting, value) in new[] { ("Organization", endpoint.Organization), ("Project", endpoint.Project) })
            {
                if (value is null)
                {
                    continue;
                }

                if (name != nameof(OpenAI))
                {
                    yield return new ValidationResult($"KeyMeter__Providers__{name}__{setting} is an OpenAI setting; remove it.", [name]);
                }
                else if (value.Length is 0 or > 128 || value.Any(c => c is <= ' ' or > '~'))
                {
                    yield return new ValidationResult($"KeyMeter__Providers__{name}__{setting} must be 1 to 128 printable ASCII characters without spaces.", [name]);
                }
            }

            if (!IsAzure(name))
            {
                foreach (var setting in new[] { ("Deployments", endpoint.Deployments.Count > 0), ("Authentication", endpoint.Authentication is not null) }.Where(setting => setting.Item2).Select(setting => setting.Item1))
                {
                    yield return new ValidationResult($"KeyMeter__Providers__{name}__{setting} is a setting of the Azure providers (AzureOpenAI, AzureAnthropic); remove it.", [name]);
                }

                continue;
            }

            for (var i = 0; i < endpoint.Deployments.Count; i++)
            {
                var (model, deployment) = (endpoint.Deployments[i].Model, endpoint.Deployments[i].Deployment);
                var setting = $"KeyMeter__Providers__{name}__Deployments__{i}";
                if (model is null || model.Length is 0 or > 256 || model.Any(c => c is <= ' ' or '*'))
                {
                    yield return new ValidationResult($"{setting}__Model must be a model id: 1 to 256 characters, no spaces or '*'.", [name]);
                }
                else if (!deployedBy.TryAdd(model, setting))
                {
                    yield return new ValidationResult($"{setting}__Model '{model}' is already deployed by {deployedBy[model]}: each model id goes to one deployment.", [name]);
                }

                if (deployment is null || !DeploymentName().IsMatch(deployment))
                {
                    yield return new ValidationResult($"{setting}__Deployment must be a deployment name: 1 to 64 letters, digits, '.', '_' or '-'.", [name]);
                }
            }
        }
    }

    /// <summary>A deployment name as KeyMeter accepts it: 1 to 64 letters, digits, '.', '_' or '-' (it goes into a JSON body as is).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex DeploymentName();
}
