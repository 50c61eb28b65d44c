using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

public sealed class RawUsageTests
{
    [Fact]
    public void ToTokenUsage_AnthropicBreakdownShortOfTotal_RestIsFiveMinuteWrites()
    {
        var raw = new RawUsage { InputTokens = 5, CacheCreationInputTokens = 3000, Ephemeral5mInputTokens = 0, Ephemeral1hInputTokens = 1000 };

        Assert.Equal(new TokenUsage(5, 0, 2000, 1000, 0, 0), raw.ToTokenUsage(ApiFormat.AnthropicMessages));
    }

    [Fact]
    public void ToTokenUsage_AnthropicBreakdownWithoutTotal_UsesBreakdown()
    {
        var raw = new RawUsage { Ephemeral5mInputTokens = 7, Ephemeral1hInputTokens = 11 };

        Assert.Equal(new TokenUsage(0, 0, 7, 11, 0, 0), raw.ToTokenUsage(ApiFormat.AnthropicMessages));
    }

    [Fact]
    public void ToTokenUsage_OpenAiCachedAbovePrompt_NeverNegative()
    {
        var raw = new RawUsage { InputTokens = 100, CachedTokens = 150, OutputTokens = 3 };

        Assert.Equal(new TokenUsage(0, 100, 0, 0, 3, 0), raw.ToTokenUsage(ApiFormat.ChatCompletions));
    }

    [Fact]
    public void ToTokenUsage_OpenAiFieldsUnderAnthropicNamesIgnored_NoDoubleCounting()
    {
        // Anthropic cache fields never leak into OpenAI's convention and vice versa (BerriAI/litellm#9812).
        var raw = new RawUsage { InputTokens = 100, CachedTokens = 40, CacheReadInputTokens = 999 };

        Assert.Equal(new TokenUsage(60, 40, 0, 0, 0, 0), raw.ToTokenUsage(ApiFormat.Responses));
        Assert.Equal(new TokenUsage(100, 999, 0, 0, 0, 0), raw.ToTokenUsage(ApiFormat.AnthropicMessages));
    }

    [Fact]
    public void MergeLatest_KeepsFieldsTheNewerUsageLacks()
    {
        var usage = new RawUsage { InputTokens = 10, OutputTokens = 1, CacheReadInputTokens = 5 };

        usage.MergeLatest(new RawUsage { OutputTokens = 50 });
        usage.MergeLatest(new RawUsage { OutputTokens = 120 });

        Assert.Equal(new TokenUsage(10, 5, 0, 0, 120, 0), usage.ToTokenUsage(ApiFormat.AnthropicMessages));
    }
}
