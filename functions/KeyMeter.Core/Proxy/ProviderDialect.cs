namespace KeyMeter.Core.Proxy;

/// <summary>
/// The wire format an API speaks: what its errors and model lists look like, which headers its SDKs send and how its
/// usage is read. A route speaks one to its clients; a provider speaks one upstream.
/// </summary>
public enum ProviderDialect
{
    /// <summary>OpenAI's API and the APIs that copy it (Azure OpenAI v1, Google's OpenAI-compatible endpoint).</summary>
    OpenAI,

    /// <summary>Anthropic's Messages API (also Claude on Azure AI Foundry).</summary>
    Anthropic,
}
