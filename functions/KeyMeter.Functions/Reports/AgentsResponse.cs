using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/agents</c>: every agent with usage or facts in the range, most spend first.</summary>
internal sealed record AgentsResponse(DateOnly From, DateOnly To, string Currency, int IdleGapMinutes, IReadOnlyList<AgentResponse> Agents)
{
    public static AgentsResponse Of(AgentComparisonReport report, TimeSpan idleGap)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new AgentsResponse(report.Range.From, report.Range.To, ReportEndpoints.Currency, (int)idleGap.TotalMinutes, [.. report.Agents.Select(AgentResponse.Of)]);
    }
}
