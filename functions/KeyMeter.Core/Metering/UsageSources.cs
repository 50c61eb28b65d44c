namespace KeyMeter.Core.Metering;

/// <summary>Where a usage record came from: the <see cref="UsageRecord.Source"/> values.</summary>
public static class UsageSources
{
    /// <summary>A call through the BYOK proxy.</summary>
    public const string Proxy = "proxy";

    /// <summary>An event from Cursor's Admin API (usage that never passed the proxy).</summary>
    public const string Cursor = "cursor";

    /// <summary>A model call Claude Code reported in its OpenTelemetry export.</summary>
    public const string ClaudeCode = "claude-code";

    /// <summary>A model call Codex CLI reported in its OpenTelemetry export.</summary>
    public const string Codex = "codex";

    /// <summary>A model call Gemini CLI reported in its OpenTelemetry export.</summary>
    public const string GeminiCli = "gemini-cli";

    /// <summary>Every source, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Proxy, Cursor, ClaudeCode, Codex, GeminiCli];

    public static bool IsKnown(string? source) => source is Proxy or Cursor or ClaudeCode or Codex or GeminiCli;
}
