namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// How the company's credential for a provider is sent: a secret's value in one header, behind a prefix; or, for a
/// provider that accepts Microsoft Entra tokens, the app's managed identity as <c>Authorization: Bearer &lt;token&gt;</c>
/// with the secret as the fallback (<see cref="UpstreamCredentials"/>).
/// </summary>
/// <param name="SecretName">The Key Vault secret (locally <c>KeyMeter__Secrets__&lt;name&gt;</c>) that holds the key.</param>
/// <param name="Header">The request header that carries it: <c>Authorization</c>, <c>x-api-key</c>, <c>api-key</c>.</param>
/// <param name="Prefix">Written before the key: <c>"Bearer "</c> or nothing.</param>
/// <param name="TokenScope">The Entra scope of the provider's tokens; null when it takes keys only.</param>
/// <param name="PreferToken">Whether a token of the app's identity is sent first (<see cref="ProviderAuthentication.ManagedIdentity"/>).</param>
internal sealed record ProviderCredential(string SecretName, string Header, string Prefix, string? TokenScope = null, bool PreferToken = false)
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, as OpenAI and Google read it.</summary>
    public static ProviderCredential Bearer(string secretName) => new(secretName, "Authorization", "Bearer ");

    /// <summary>The key alone in a header of the provider's own, as Anthropic reads <c>x-api-key</c>.</summary>
    public static ProviderCredential InHeader(string secretName, string header) => new(secretName, header, "");

    /// <summary>
    /// A token of the app's managed identity for <paramref name="scope"/>, unless the settings ask for the key; the key
    /// (in <paramref name="keyHeader"/>) also when no token can be had.
    /// </summary>
    public static ProviderCredential ManagedIdentityOrKey(string scope, string secretName, string keyHeader, ProviderAuthentication? authentication) =>
        new(secretName, keyHeader, "", scope, authentication is null or ProviderAuthentication.ManagedIdentity);
}
