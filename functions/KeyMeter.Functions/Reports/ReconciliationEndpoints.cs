using KeyMeter.Core.Agents;
using KeyMeter.Core.People;
using KeyMeter.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// The <c>/reports/reconciliation</c> route of the <c>reports</c> function: Cursor's Admin API ledger against the
/// proxy's traffic, per developer and day (<see cref="ReconciliationBuilder"/>). Same <c>from</c>/<c>to</c> rules and
/// 400s as <see cref="ReportEndpoints"/>.
/// </summary>
internal static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/reconciliation", ReconciliationAsync).AddEndpointFilter(ReportOverflowFilter.InvokeAsync);
        return endpoints;
    }

    public static async Task<Results<JsonHttpResult<ReconciliationResponse>, ProblemHttpResult>> ReconciliationAsync(
        string? from,
        string? to,
        AggregateReports reports,
        PeopleDirectoryLoader directory,
        IAgentFactStore facts,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        if (!range.IsValid)
        {
            return ReportEndpoints.Invalid((range.Parameter, range.Error));
        }

        // Who has a key is read once per report; both lists are small (one row per key, one per mapped email).
        var people = await directory.LoadAsync(cancellationToken);
        var daily = await facts.LoadAsync(range.Value.From, range.Value.To, cancellationToken);
        var report = await ReconciliationBuilder.BuildAsync(range.Value, people, reports.ReadLineRowsAsync(range.Value, cancellationToken), daily, cancellationToken);
        return TypedResults.Json(ReconciliationResponse.Of(report), ReportJsonContext.Default.ReconciliationResponse);
    }
}
