using System.Globalization;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// <c>GET /reports/sessions?from&amp;to&amp;developer&amp;agent&amp;limit</c>: working sessions, most expensive first, each
/// with its start, end, duration, requests, tokens, cost, models and agent (<see cref="SessionsBuilder"/>); and
/// <c>GET /reports/agents?from&amp;to</c>: the agents compared (<see cref="AgentComparisonBuilder"/>).
/// </summary>
internal static class AgentReportEndpoints
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public static async Task<Results<JsonHttpResult<SessionsResponse>, ProblemHttpResult>> SessionsAsync(
        string? from,
        string? to,
        string? developer,
        string? agent,
        string? limit,
        AggregateReports reports,
        IOptions<AgentSessionOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        var count = DefaultLimit;
        var limitError = limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit)
            ? $"'limit' must be a whole number from 1 to {MaxLimit}."
            : null;
        var agentError = agent is not null && !CodingAgents.IsKnown(agent)
            ? $"'agent' must be one of {string.Join(", ", CodingAgents.All)}."
            : null;
        var developerError = developer is not null && (developer.Length is 0 or > 256 || developer.Any(char.IsControl))
            ? "'developer' must be an email of at most 256 characters."
            : null;
        if (!range.IsValid || limitError is not null || agentError is not null || developerError is not null)
        {
            return ReportEndpoints.Invalid((range.Parameter, range.Error), ("limit", limitError), ("agent", agentError), ("developer", developerError));
        }

        var report = await reports.SessionsAsync(range.Value, options.Value.IdleGap, developer, agent, count, cancellationToken);
        return TypedResults.Json(SessionsResponse.Of(report), ReportJsonContext.Default.SessionsResponse);
    }

    public static async Task<Results<JsonHttpResult<AgentsResponse>, ProblemHttpResult>> AgentsAsync(
        string? from, string? to, AggregateReports reports, IAgentFactStore facts, IOptions<AgentSessionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        if (!range.IsValid)
        {
            return ReportEndpoints.Invalid((range.Parameter, range.Error));
        }

        var report = await reports.AgentsAsync(range.Value, options.Value.IdleGap, facts, cancellationToken);
        return TypedResults.Json(AgentsResponse.Of(report, options.Value.IdleGap), ReportJsonContext.Default.AgentsResponse);
    }
}
