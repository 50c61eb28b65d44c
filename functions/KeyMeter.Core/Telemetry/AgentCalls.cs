using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// Turns the one event per model call each agent exports into an <see cref="AgentCall"/>:
/// <list type="bullet">
/// <item>Claude Code <c>claude_code.api_request</c>: Anthropic's buckets as they are (<c>input_tokens</c> excludes cache
/// reads and writes); cache writes are counted as 5-minute writes, Claude Code's default, since the event does not
/// split them; <c>cost_usd</c> is the agent's estimate; <c>session.id</c>, <c>prompt.id</c>.</item>
/// <item>Codex <c>codex.sse_event</c> with <c>event.kind=response.completed</c>: OpenAI's Responses usage, where
/// <c>input_token_count</c> includes the cached tokens and <c>output_token_count</c> the reasoning ones;
/// <c>conversation.id</c> is the session.</item>
/// <item>Gemini CLI <c>gemini_cli.api_response</c>: Gemini's usage, where the input count includes cached content and
/// the thoughts are billed as output beside <c>output_token_count</c>; <c>session.id</c>, <c>prompt_id</c>.</item>
/// </list>
/// Who made the call is never read from the event (<c>user.email</c> is the client's to set): the caller attributes it
/// to the key that sent the payload. Only names, numbers and ids are read; no text of a prompt or an answer.
/// </summary>
public static class AgentCalls
{
    /// <summary>The prefix of agent telemetry record ids, beside the proxy's <c>px_</c> and Cursor's <c>cu_</c>.</summary>
    public const string RecordPrefix = "tm_";

    public static AgentCallReading Read(TelemetryEvent telemetry, out AgentCall? call, out string? rejection)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var a = telemetry.Attributes;
        switch (Kind(telemetry))
        {
            case UsageSources.ClaudeCode:
                var tokens = a.Count("input_tokens") is { } input && a.Count("output_tokens") is { } output
                    ? new TokenUsage(input, a.Count("cache_read_tokens") ?? 0, a.Count("cache_creation_tokens") ?? 0, 0, output, 0)
                    : null;
                return Build(telemetry, UsageSources.ClaudeCode, "anthropic", ApiFormat.AnthropicMessages, tokens, a.Text("session.id"), a.Text("prompt.id"), a.Amount("cost_usd"), out call, out rejection);
            case UsageSources.Codex:
                tokens = a.Count("input_token_count") is { } codexInput && a.Count("output_token_count") is { } codexOutput
                    ? OpenAIStyle(codexInput, a.Count("cached_token_count") ?? 0, codexOutput, a.Count("reasoning_token_count") ?? 0)
                    : null;
                return Build(telemetry, UsageSources.Codex, "openai", ApiFormat.Responses, tokens, a.Text("conversation.id"), null, null, out call, out rejection);
            case UsageSources.GeminiCli:
                var thoughts = a.Count("thoughts_token_count") ?? 0;
                tokens = a.Count("input_token_count") is { } geminiInput && a.Count("output_token_count") is { } geminiOutput
                    ? OpenAIStyle(geminiInput, a.Count("cached_content_token_count") ?? 0, geminiOutput + thoughts, thoughts)
                    : null;
                return Build(telemetry, UsageSources.GeminiCli, "google", ApiFormat.ChatCompletions, tokens, a.Text("session.id"), a.Text("prompt_id"), null, out call, out rejection);
            default:
                call = null;
                rejection = null;
                return AgentCallReading.NotACall;
        }
    }

    /// <summary>The usage record id of <paramref name="call"/> made with key <paramref name="keyId"/>: the same call sent again gets the same one.</summary>
    public static string RecordId(AgentCall call, string keyId)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RecordPrefix + ContentHash.Of(keyId + "\n" + call.Fingerprint);
    }

    /// <summary>The agent whose model-call event this is, or null for any other event.</summary>
    private static string? Kind(TelemetryEvent telemetry) => telemetry.Name switch
    {
        "claude_code.api_request" => UsageSources.ClaudeCode,
        "api_request" when telemetry.ServiceName == "claude-code" => UsageSources.ClaudeCode,
        "codex.sse_event" when telemetry.Attributes.Text("event.kind") == "response.completed" => UsageSources.Codex,
        "gemini_cli.api_response" => UsageSources.GeminiCli,
        _ => null,
    };

    /// <summary>Input that counts its cached part (OpenAI, Gemini), split into disjoint buckets.</summary>
    private static TokenUsage OpenAIStyle(long input, long cached, long output, long reasoning) =>
        new(Math.Max(0, input - cached), Math.Min(cached, input), 0, 0, output, reasoning);

    private static AgentCallReading Build(
        TelemetryEvent telemetry,
        string source,
        string priceProvider,
        ApiFormat api,
        TokenUsage? tokens,
        string? session,
        string? prompt,
        decimal? agentCost,
        out AgentCall? call,
        out string? rejection)
    {
        call = null;
        var model = telemetry.Attributes.Text("model");
        if (string.IsNullOrWhiteSpace(model) || tokens is null)
        {
            rejection = $"{telemetry.Name}: needs 'model' and the input and output token counts.";
            return AgentCallReading.Rejected;
        }

        if (telemetry.TimeUnixNano == 0)
        {
            rejection = $"{telemetry.Name}: needs a time (timeUnixNano).";
            return AgentCallReading.Rejected;
        }

        rejection = null;
        // The fingerprint keeps the session as sent; the call keeps it only when it is a well-formed id.
        call = new AgentCall(source, priceProvider, api, model, telemetry.Time, tokens, Agents.SessionIds.Clean(session), prompt, agentCost, Fingerprint(source, telemetry.TimeUnixNano, model, tokens, session, prompt));
        return AgentCallReading.Call;
    }

    /// <summary>A digest of what identifies the call in the event itself, so an exporter's retry gives the same one.</summary>
    private static string Fingerprint(string source, ulong time, string model, TokenUsage tokens, string? session, string? prompt) =>
        ContentHash.Of(string.Join('\n', source, time, model, session, prompt, tokens.InputTokens, tokens.CachedInputTokens, tokens.CacheWrite5mTokens, tokens.CacheWrite1hTokens, tokens.OutputTokens, tokens.ReasoningTokens));
}
