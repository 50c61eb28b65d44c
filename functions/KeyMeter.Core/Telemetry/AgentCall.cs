using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// One model call an agent reported in its telemetry, in KeyMeter's terms: which agent, whose prices, which model, its
/// tokens in disjoint billing buckets, its session and prompt, and the agent's own cost estimate (kept beside
/// KeyMeter's price, never instead of it).
/// </summary>
/// <param name="Source">The usage record source: <see cref="UsageSources.ClaudeCode"/>, <see cref="UsageSources.Codex"/> or <see cref="UsageSources.GeminiCli"/>.</param>
/// <param name="PriceProvider">Whose price table prices the model: <c>anthropic</c>, <c>openai</c>, <c>google</c>.</param>
/// <param name="Api">The provider API the agent called, as records name it.</param>
/// <param name="SessionId">The agent's session id when it is a well-formed one (<see cref="Agents.SessionIds"/>); null otherwise.</param>
/// <param name="Fingerprint">Derived from the event's own content: the same event exported twice has the same one.</param>
public sealed record AgentCall(
    string Source,
    string PriceProvider,
    ApiFormat Api,
    string Model,
    DateTimeOffset Time,
    TokenUsage Tokens,
    string? SessionId,
    string? PromptId,
    decimal? AgentCostUsd,
    string Fingerprint);
