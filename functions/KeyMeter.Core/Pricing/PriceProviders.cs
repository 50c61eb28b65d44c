namespace KeyMeter.Core.Pricing;

/// <summary>The provider names the price table knows. Comparison ignores case.</summary>
public static class PriceProviders
{
    public const string OpenAI = "openai";

    public const string Anthropic = "anthropic";

    public const string Google = "google";

    public static IReadOnlyList<string> All { get; } = [OpenAI, Anthropic, Google];

    public static bool IsKnown(string? provider) =>
        provider is not null && All.Contains(provider, StringComparer.OrdinalIgnoreCase);
}
