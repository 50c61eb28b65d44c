using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Every provider's settings, <c>KeyMeter__Providers__&lt;Name&gt;__…</c>, one property per provider in
/// <see cref="KnownProviders"/>: base URLs (defaults: <c>https://api.openai.com/v1</c>,
/// <c>https://api.anthropic.com</c>, <c>https://generativelanguage.googleapis.com/v1beta/openai</c>), the model ids
/// each serves, and the OpenAI organisation and project billed
/// (<c>KeyMeter__Providers__OpenAI__Organization</c>, <c>…__Project</c>).
/// </summary>
public sealed class ProvidersOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Providers";

    public ProviderEndpoint OpenAI { get; set; } = new() { BaseUrl = new Uri("https://api.openai.com/v1") };

    public ProviderEndpoint Anthropic { get; set; } = new() { BaseUrl = new Uri("https://api.anthropic.com") };

    /// <summary>Gemini through Google's OpenAI-compatible endpoint (https://ai.google.dev/gemini-api/docs/openai).</summary>
    public ProviderEndpoint Google { get; set; } = new() { BaseUrl = new Uri("https://generativelanguage.googleapis.com/v1beta/openai") };

    /// <summary>Each provider's setting name and settings, in the order <see cref="KnownProviders.Describe"/> describes them.</summary>
    public IEnumerable<(string Name, ProviderEndpoint Endpoint)> Endpoints() =>
    [
        (nameof(OpenAI), OpenAI),
        (nameof(Anthropic), Anthropic),
        (nameof(Google), Google),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, endpoint) in Endpoints())
        {
            if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback))
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
        }
    }
}
