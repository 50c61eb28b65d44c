using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Configuration;

namespace KeyMeter.Adapters.Secrets;

/// <summary>
/// Local mode's secrets: <c>KeyMeter:Secrets:&lt;Name&gt;</c> (environment <c>KeyMeter__Secrets__&lt;Name&gt;</c>), read on
/// every call so an edited setting takes effect. An empty value counts as not configured.
/// </summary>
internal sealed class ConfigurationSecretSource(IConfiguration configuration) : ISecretSource
{
    public const string SectionName = "KeyMeter:Secrets";

    public ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var value = configuration[SectionName + ":" + name];
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(value) ? null : value);
    }

    public void Invalidate(string name)
    {
        // Configuration is read on every call.
    }
}
