using System.Collections.Concurrent;
using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace KeyMeter.Adapters.Secrets;

/// <summary>
/// Local mode's secrets: <c>KeyMeter:Secrets:&lt;Name&gt;</c> (environment <c>KeyMeter__Secrets__&lt;Name&gt;</c>). Each
/// is read from configuration once and kept until configuration reloads (an edited settings file), so an edited setting
/// takes effect and a proxied call does not search every configuration source for its key. An empty value counts as
/// not configured.
/// </summary>
internal sealed class ConfigurationSecretSource : ISecretSource, IDisposable
{
    public const string SectionName = "KeyMeter:Secrets";

    private readonly IConfiguration _configuration;
    private readonly ConcurrentDictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly IDisposable _reloads;

    public ConfigurationSecretSource(IConfiguration configuration)
    {
        _configuration = configuration;
        _reloads = ChangeToken.OnChange(configuration.GetReloadToken, _values.Clear);
    }

    public ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_values.GetOrAdd(name, static (name, configuration) => configuration[SectionName + ":" + name] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null, _configuration));

    public void Invalidate(string name) => _values.TryRemove(name, out _);

    public void Dispose() => _reloads.Dispose();
}
