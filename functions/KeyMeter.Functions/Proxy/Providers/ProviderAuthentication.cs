namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>How KeyMeter authenticates to an Azure provider (<c>KeyMeter__Providers__&lt;Name&gt;__Authentication</c>).</summary>
public enum ProviderAuthentication
{
    /// <summary>A Microsoft Entra token of the app's managed identity; the provider's key secret only when no token can be had.</summary>
    ManagedIdentity,

    /// <summary>The provider's key secret, always.</summary>
    Key,
}
