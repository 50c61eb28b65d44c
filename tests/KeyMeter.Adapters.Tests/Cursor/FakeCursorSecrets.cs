using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>A secret source holding only the Cursor Admin API key (or none), recording invalidations.</summary>
internal sealed class FakeCursorSecrets(string? adminKey) : ISecretSource
{
    private readonly List<string> _invalidated = [];

    public IReadOnlyList<string> Invalidated
    {
        get
        {
            lock (_invalidated)
            {
                return [.. _invalidated];
            }
        }
    }

    public ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(name == SecretNames.CursorAdminApiKey ? adminKey : null);

    public void Invalidate(string name)
    {
        lock (_invalidated)
        {
            _invalidated.Add(name);
        }
    }
}
