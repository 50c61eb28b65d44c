using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// The one place a report whose sums do not fit becomes an answer. Every sum over stored rows is checked, and rows
/// outside the bounds of real usage are skipped when read, so this takes a great many rows near those bounds (damaged
/// data); the answer is then a 422 ProblemDetails that says so, never a 500. An export that has started streaming
/// cannot change its status any more, but its sums merge at most a few dozen rows per line and cannot overflow.
/// </summary>
internal static class ReportOverflowFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (OverflowException)
        {
            ReportLog.SumsOverflow(context.HttpContext.RequestServices.GetRequiredService<ILogger<AggregateReports>>(), context.HttpContext.Request.Path);
            return TypedResults.Problem(
                detail: "The usage stored for this range adds up to more than a report can hold, which real usage never does: a stored aggregate row is probably damaged (see the warnings in the log). Ask for a shorter range or another grouping.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The report cannot be computed");
        }
    }
}
