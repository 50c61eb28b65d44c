namespace KeyMeter.Functions.Proxy;

/// <summary>Where one provider's API is.</summary>
public sealed class ProviderEndpoint
{
    public Uri? BaseUrl { get; set; }
}
