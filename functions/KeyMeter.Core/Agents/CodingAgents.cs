using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Agents;

/// <summary>
/// The coding agents KeyMeter tells apart: the <see cref="UsageRecord.Agent"/> values. Telemetry and Cursor records are
/// their own agent; a proxy call is named by its client's User-Agent, which only labels the call (it never changes what
/// the call costs or whom it is charged to), and anything unrecognised is <see cref="Other"/>.
/// </summary>
public static class CodingAgents
{
    public const string Cursor = UsageSources.Cursor;

    public const string ClaudeCode = UsageSources.ClaudeCode;

    public const string Codex = UsageSources.Codex;

    public const string GeminiCli = UsageSources.GeminiCli;

    /// <summary>Any other client of the proxy: an SDK, a script, another IDE.</summary>
    public const string Other = "other";

    /// <summary>Every agent, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Cursor, ClaudeCode, Codex, GeminiCli, Other];

    public static bool IsKnown(string? agent) => agent is Cursor or ClaudeCode or Codex or GeminiCli or Other;

    /// <summary>Where <paramref name="agent"/> stands in <see cref="All"/>; an unknown one after every known one.</summary>
    public static int Order(string agent) => agent switch
    {
        Cursor => 0,
        ClaudeCode => 1,
        Codex => 2,
        GeminiCli => 3,
        Other => 4,
        _ => int.MaxValue,
    };

    /// <summary>The agent of <paramref name="record"/>: its own, or the one its source implies (a proxy call without one is <see cref="Other"/>).</summary>
    public static string Of(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Agent ?? (record.Source == UsageSources.Proxy ? Other : record.Source);
    }

    /// <summary>
    /// The agent a proxy client's User-Agent names: <c>Cursor/…</c>, Claude Code's <c>claude-cli/…</c>, Codex's
    /// <c>codex_cli_rs/…</c> (or any <c>codex</c> product), Gemini CLI's <c>GeminiCLI/…</c>; otherwise <see cref="Other"/>.
    /// </summary>
    public static string FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return Other;
        }

        if (userAgent.Contains("claude-cli/", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("claude-code/", StringComparison.OrdinalIgnoreCase))
        {
            return ClaudeCode;
        }

        if (userAgent.Contains("Cursor/", StringComparison.OrdinalIgnoreCase))
        {
            return Cursor;
        }

        if (userAgent.StartsWith("codex", StringComparison.OrdinalIgnoreCase))
        {
            return Codex;
        }

        return userAgent.Contains("GeminiCLI", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("gemini-cli", StringComparison.OrdinalIgnoreCase) ? GeminiCli : Other;
    }
}
