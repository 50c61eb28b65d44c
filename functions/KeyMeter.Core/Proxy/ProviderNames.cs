namespace KeyMeter.Core.Proxy;

/// <summary>Lowercase provider names as records, prices and reports spell them.</summary>
public static class ProviderNames
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    public static string Of(Provider provider) => provider == Provider.OpenAI ? OpenAI : Anthropic;
}
