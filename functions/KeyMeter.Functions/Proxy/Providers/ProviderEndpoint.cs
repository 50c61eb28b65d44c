namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The settings of one provider, <c>KeyMeter__Providers__&lt;Name&gt;__…</c>: where its API is and which of the
/// company's accounts is billed. What is fixed about a provider (its dialect, how its key is sent) is in
/// <see cref="KnownProviders"/>, not in settings.
/// </summary>
public sealed class ProviderEndpoint
{
    /// <summary>Where its API is. A provider without one (the Azure providers have no default) is off.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>OpenAI only: sent as <c>OpenAI-Organization</c>. Clients cannot set it.</summary>
    public string? Organization { get; set; }

    /// <summary>OpenAI only: sent as <c>OpenAI-Project</c>. Clients cannot set it.</summary>
    public string? Project { get; set; }

    /// <summary>
    /// The model ids routed here, exact or <c>prefix*</c> (<c>KeyMeter__Providers__Google__Models__0=gemini-*</c>);
    /// empty keeps the provider's defaults (<see cref="KnownProviders"/>).
    /// </summary>
    public IList<string> Models { get; } = [];

    /// <summary>Azure only: the models deployed on the resource, each routed here under its model id (<see cref="ModelDeployment"/>).</summary>
    public IList<ModelDeployment> Deployments { get; } = [];

    /// <summary>Azure only: the app's managed identity (the default) or the provider's key secret.</summary>
    public ProviderAuthentication? Authentication { get; set; }
}
