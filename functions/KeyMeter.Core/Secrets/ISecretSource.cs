namespace KeyMeter.Core.Secrets;

/// <summary>
/// Port to the company's secrets (provider keys, the Cursor Admin API key): Key Vault in Azure,
/// configuration locally. Values are never logged, echoed or stored outside memory (README, Architecture).
/// </summary>
public interface ISecretSource
{
    /// <summary>The secret's current value, or <c>null</c> when it is not configured.</summary>
    ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Forgets a cached value, e.g. after the provider rejected it, so the next read fetches it again.</summary>
    void Invalidate(string name);
}
