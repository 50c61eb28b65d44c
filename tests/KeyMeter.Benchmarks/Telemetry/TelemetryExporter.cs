using KeyMeter.Core.Telemetry;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// One agent process exporting its logs: which agent, in which encoding, compressed or not, with the key of which
/// developer (<see cref="TelemetrySettings.Developers"/>).
/// </summary>
internal sealed record TelemetryExporter(int Index, AgentKind Agent, OtlpEncoding Encoding, bool Gzip, int Developer)
{
    /// <summary>
    /// Eight exporters of four developers: Claude Code in JSON (half of them gzip), Codex CLI in JSON (one gzip), Gemini
    /// CLI in protobuf (one gzip). Each developer runs two agents.
    /// </summary>
    public static IReadOnlyList<TelemetryExporter> All { get; } =
    [
        new(0, AgentKind.ClaudeCode, OtlpEncoding.Json, Gzip: true, Developer: 0),
        new(1, AgentKind.ClaudeCode, OtlpEncoding.Json, Gzip: false, Developer: 1),
        new(2, AgentKind.ClaudeCode, OtlpEncoding.Json, Gzip: true, Developer: 2),
        new(3, AgentKind.ClaudeCode, OtlpEncoding.Json, Gzip: false, Developer: 3),
        new(4, AgentKind.Codex, OtlpEncoding.Json, Gzip: false, Developer: 0),
        new(5, AgentKind.Codex, OtlpEncoding.Json, Gzip: true, Developer: 1),
        new(6, AgentKind.GeminiCli, OtlpEncoding.Protobuf, Gzip: false, Developer: 2),
        new(7, AgentKind.GeminiCli, OtlpEncoding.Protobuf, Gzip: true, Developer: 3),
    ];

    /// <summary>How the exporter sends, e.g. "Claude Code, JSON, gzip".</summary>
    public string Format => $"{Name(Agent)}, {(Encoding == OtlpEncoding.Json ? "JSON" : "protobuf")}{(Gzip ? ", gzip" : "")}";

    public static string Name(AgentKind agent) => agent switch
    {
        AgentKind.ClaudeCode => "Claude Code",
        AgentKind.Codex => "Codex CLI",
        _ => "Gemini CLI",
    };
}
