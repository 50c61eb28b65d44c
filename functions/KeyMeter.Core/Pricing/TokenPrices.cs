namespace KeyMeter.Core.Pricing;

/// <summary>
/// USD per 1,000,000 tokens for each billing bucket of <see cref="Metering.TokenUsage"/>.
/// Providers that do not charge for cache writes (OpenAI, Google) carry 0 in both write columns.
/// </summary>
/// <param name="Input">Input billed at the full rate.</param>
/// <param name="CachedInput">Input read from the prompt cache.</param>
/// <param name="CacheWrite5m">Input written to a 5-minute cache (Anthropic: 1.25 × input).</param>
/// <param name="CacheWrite1h">Input written to a 1-hour cache (Anthropic: 2 × input).</param>
/// <param name="Output">Output, reasoning included.</param>
public sealed record TokenPrices(
    decimal Input,
    decimal CachedInput,
    decimal CacheWrite5m,
    decimal CacheWrite1h,
    decimal Output)
{
    internal bool HasNegative => Input < 0 || CachedInput < 0 || CacheWrite5m < 0 || CacheWrite1h < 0 || Output < 0;
}
