using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Upstream base URLs: <c>KeyMeter__Providers__OpenAI__BaseUrl</c> (default <c>https://api.openai.com/v1</c>) and
/// <c>KeyMeter__Providers__Anthropic__BaseUrl</c> (default <c>https://api.anthropic.com</c>); the OpenAI organisation
/// and project billed: <c>KeyMeter__Providers__OpenAI__Organization</c>, <c>…__Project</c>.
/// </summary>
public sealed class ProvidersOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Providers";

    public ProviderEndpoint OpenAI { get; set; } = new() { BaseUrl = new Uri("https://api.openai.com/v1") };

    public ProviderEndpoint Anthropic { get; set; } = new() { BaseUrl = new Uri("https://api.anthropic.com") };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, endpoint) in new[] { ("OpenAI", OpenAI), ("Anthropic", Anthropic) })
        {
            if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback))
            {
                yield return new ValidationResult($"KeyMeter__Providers__{name}__BaseUrl must be an absolute https URL (http only for loopback).", [name]);
            }

            foreach (var (setting, value) in new[] { ("Organization", endpoint.Organization), ("Project", endpoint.Project) })
            {
                if (value is not null && (value.Length is 0 or > 128 || value.Any(c => c is <= ' ' or > '~')))
                {
                    yield return new ValidationResult($"KeyMeter__Providers__{name}__{setting} must be 1 to 128 printable ASCII characters without spaces.", [name]);
                }
            }
        }
    }
}
