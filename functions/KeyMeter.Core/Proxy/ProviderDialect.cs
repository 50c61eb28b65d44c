namespace KeyMeter.Core.Proxy;

/// <summary>The upstream provider behind a proxy route.</summary>
public enum Provider
{
    OpenAI,
    Anthropic,
}
