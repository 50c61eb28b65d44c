namespace KeyMeter.Functions.Reports;

/// <summary>The <c>/reports/reconciliation</c> route of the <c>reports</c> function.</summary>
internal static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
