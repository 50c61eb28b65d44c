using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>Secrets from a dictionary, recording invalidations.</summary>
internal sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretSource
{
    public List<string> Invalidated { get; } = [];

    public ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(values.TryGetValue(name, out var value) ? value : null);

    public void Invalidate(string name) => Invalidated.Add(name);
}
