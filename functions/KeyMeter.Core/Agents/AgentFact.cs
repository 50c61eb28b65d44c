namespace KeyMeter.Core.Agents;

/// <summary>
/// One measured fact about a coding agent's work, for one developer on one UTC day: lines added, commits, tabs
/// accepted, requests by mode. Facts sit beside the usage records and are never counted as spend; the agent comparison
/// reads them (cost per 100 lines, say). Stored once per <see cref="Day"/>, <see cref="Developer"/>,
/// <see cref="Agent"/>, <see cref="Name"/> and <see cref="Series"/>: writing the same fact again replaces it, so a
/// poll or an export that is repeated changes nothing.
/// </summary>
/// <param name="Developer">The lowercased email of the developer (<see cref="Aggregation.RecordDimensions.Developer"/>).</param>
/// <param name="Agent">One of <see cref="Metering.UsageSources"/>' agent names: <c>cursor</c>, <c>claude-code</c>, <c>codex</c>, <c>gemini-cli</c>.</param>
/// <param name="Name">What is measured, one of <see cref="AgentFactNames"/>.</param>
/// <param name="Series">
/// Which reading this is among several of the same name and day: a fixed name for a source that reports one total per
/// day (Cursor's daily usage), or a digest of the exporter's series and point for telemetry metrics.
/// </param>
/// <param name="Kind">How the value adds up with the other series of the day.</param>
public sealed record AgentFact(DateOnly Day, string Developer, string Agent, string Name, string Series, decimal Value, AgentFactKind Kind);
