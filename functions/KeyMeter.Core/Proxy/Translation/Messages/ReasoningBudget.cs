using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Chat Completions <c>reasoning_effort</c> as an Anthropic extended-thinking budget
/// (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking): <c>minimal</c> 1,024 tokens (Anthropic's
/// least), <c>low</c> 4,096, <c>medium</c> 12,288, <c>high</c> 24,576; <c>none</c> is no thinking. The largest leaves
/// room for an answer within the smallest output limit of the thinking models (32,000, Claude Opus 4 and 4.1).
/// Anthropic wants <c>budget_tokens</c> at least 1,024 and below <c>max_tokens</c>: <see cref="Fit"/> raises
/// <c>max_tokens</c> to make room, never above the model's output limit, or leaves thinking off.
/// </summary>
internal static class ReasoningBudget
{
    public const int Minimum = 1024;

    /// <summary>Reads the effort string the reader stands on: the budget (0 for none); false for an unknown effort.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int budget)
    {
        budget = JsonStrings.IsString(ref reader, "none"u8) ? 0
            : JsonStrings.IsString(ref reader, "minimal"u8) ? Minimum
            : JsonStrings.IsString(ref reader, "low"u8) ? 4096
            : JsonStrings.IsString(ref reader, "medium"u8) ? 12288
            : JsonStrings.IsString(ref reader, "high"u8) ? 24576
            : -1;
        return budget >= 0;
    }

    /// <summary>
    /// The <c>max_tokens</c> to send with a thinking <paramref name="budget"/>: unchanged when the budget is below
    /// it; else raised by the budget, so the answer keeps the room the client asked for, up to
    /// <paramref name="outputLimit"/>. Null when the budget still does not fit: thinking stays off.
    /// </summary>
    public static int? Fit(int budget, int maxTokens, int outputLimit)
    {
        if (budget < maxTokens)
        {
            return maxTokens;
        }

        var raised = (int)Math.Min(outputLimit, (long)budget + maxTokens);
        return budget < raised ? raised : null;
    }
}
