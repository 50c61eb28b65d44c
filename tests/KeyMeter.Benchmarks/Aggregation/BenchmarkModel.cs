using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>A model the workload calls, with list prices in USD per million tokens of each billing bucket.</summary>
internal sealed record BenchmarkModel(
    string Provider,
    string Model,
    ApiFormat Api,
    decimal Input,
    decimal CachedInput,
    decimal CacheWrite5m,
    decimal CacheWrite1h,
    decimal Output)
{
    /// <summary>Three models over two providers.</summary>
    public static IReadOnlyList<BenchmarkModel> All { get; } =
    [
        new("anthropic", "claude-sonnet-4-5", ApiFormat.AnthropicMessages, 3.00m, 0.30m, 3.75m, 6.00m, 15.00m),
        new("anthropic", "claude-haiku-4-5", ApiFormat.AnthropicMessages, 1.00m, 0.10m, 1.25m, 2.00m, 5.00m),
        new("openai", "gpt-5", ApiFormat.ChatCompletions, 1.25m, 0.125m, 0m, 0m, 10.00m),
    ];

    /// <summary>What <paramref name="tokens"/> cost, in USD at nine decimal places (a nano-dollar).</summary>
    public decimal Cost(TokenUsage tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var perMillion = (tokens.InputTokens * Input) + (tokens.CachedInputTokens * CachedInput) + (tokens.CacheWrite5mTokens * CacheWrite5m)
            + (tokens.CacheWrite1hTokens * CacheWrite1h) + (tokens.OutputTokens * Output);
        return decimal.Round(perMillion / 1_000_000m, 9, MidpointRounding.ToEven);
    }
}
