namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>The coding agents whose log exports the benchmark imitates.</summary>
internal enum AgentKind
{
    ClaudeCode,
    Codex,
    GeminiCli,
}
