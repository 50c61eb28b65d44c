namespace KeyMeter.Core.Pricing;

/// <summary>
/// Prices that replace a period's base prices for the WHOLE request once its total input
/// (input + cache reads + cache writes) exceeds <see cref="ThresholdTokens"/>; this is how Anthropic
/// (Sonnet 4.5, &gt;200k), Google (Gemini Pro, &gt;200k) and OpenAI (GPT-5.4, &gt;272k) bill long prompts.
/// </summary>
public sealed record LongContextTier(long ThresholdTokens, TokenPrices Prices);
