namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>How the company's credential for a provider is sent: a secret's value in one header, behind a prefix.</summary>
/// <param name="SecretName">The Key Vault secret (locally <c>KeyMeter__Secrets__&lt;name&gt;</c>) that holds the key.</param>
/// <param name="Header">The request header that carries it: <c>Authorization</c>, <c>x-api-key</c>, <c>api-key</c>.</param>
/// <param name="Prefix">Written before the key: <c>"Bearer "</c> or nothing.</param>
internal sealed record ProviderCredential(string SecretName, string Header, string Prefix)
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, as OpenAI and Google read it.</summary>
    public static ProviderCredential Bearer(string secretName) => new(secretName, "Authorization", "Bearer ");

    /// <summary>The key alone in a header of the provider's own, as Anthropic reads <c>x-api-key</c>.</summary>
    public static ProviderCredential InHeader(string secretName, string header) => new(secretName, header, "");
}
