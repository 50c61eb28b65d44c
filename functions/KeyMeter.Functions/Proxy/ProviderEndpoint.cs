namespace KeyMeter.Functions.Proxy;

/// <summary>Where one provider's API is, and which of the company's accounts is billed.</summary>
public sealed class ProviderEndpoint
{
    public Uri? BaseUrl { get; set; }

    /// <summary>OpenAI only: sent as <c>OpenAI-Organization</c>. Clients cannot set it.</summary>
    public string? Organization { get; set; }

    /// <summary>OpenAI only: sent as <c>OpenAI-Project</c>. Clients cannot set it.</summary>
    public string? Project { get; set; }
}
