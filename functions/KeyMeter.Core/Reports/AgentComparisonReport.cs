namespace KeyMeter.Core.Reports;

/// <summary>The agent comparison of a range: one entry per agent with usage or facts, most spend first.</summary>
public sealed record AgentComparisonReport(ReportRange Range, IReadOnlyList<AgentTotals> Agents);
