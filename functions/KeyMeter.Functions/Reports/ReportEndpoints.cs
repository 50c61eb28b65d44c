using System.Text;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Reports;
using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// The <c>reports</c> function's routes: a summary grouped by any dimension, one key's days, and the CSV and FOCUS
/// exports, streamed. Auth level "function", like <see cref="Manage.ManageEndpoints"/>. Bad input is a 400
/// ProblemDetails that names the parameter.
/// </summary>
internal static class ReportEndpoints
{
    public const string Currency = "USD";
    public const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/reports");
        group.AddEndpointFilter(ReportOverflowFilter.InvokeAsync);
        group.MapGet("summary", SummaryAsync);
        group.MapGet("keys/{id}/daily", KeyDailyAsync);
        group.MapGet("budgets", BudgetsAsync);
        group.MapGet("daily", DailyAsync);
        group.MapGet("sessions", AgentReportEndpoints.SessionsAsync);
        group.MapGet("agents", AgentReportEndpoints.AgentsAsync);
        group.MapGet("export.csv", ExportCsv);
        group.MapGet("export.focus.csv", ExportFocus);
        return endpoints;
    }

    public static async Task<Results<JsonHttpResult<SummaryResponse>, ProblemHttpResult>> SummaryAsync(
        string? from, string? to, string? groupBy, AggregateReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        var grouping = ReportGroupBy.Parse(groupBy);
        if (!range.IsValid || !grouping.IsValid)
        {
            return Invalid((range.Parameter, range.Error), (grouping.Parameter, grouping.Error));
        }

        var report = await reports.SummaryAsync(range.Value, grouping.Value, cancellationToken);
        return TypedResults.Json(SummaryResponse.Of(report), ReportJsonContext.Default.SummaryResponse);
    }

    public static async Task<Results<JsonHttpResult<KeyDailyResponse>, ProblemHttpResult>> KeyDailyAsync(
        string id, string? from, string? to, AggregateReports reports, IKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        var idError = KeyId.IsWellFormed(id) ? null : $"'id' must be a key id: '{KeyId.Prefix}' and 20 lowercase hex characters.";
        if (idError is not null || !range.IsValid)
        {
            return Invalid(("id", idError), (range.Parameter, range.Error));
        }

        // Only an empty report needs the key store: a key with usage exists, or did (revoked keys keep their usage).
        var report = await reports.KeyDailyAsync(id, range.Value, cancellationToken);
        if (!report.HasUsage && await keys.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.Problem(
                detail: $"There is no key {id}, and no usage of it between {ReportRange.Format(range.Value.From)} and {ReportRange.Format(range.Value.To)}.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Key not found");
        }

        return TypedResults.Json(KeyDailyResponse.Of(report), ReportJsonContext.Default.KeyDailyResponse);
    }

    /// <summary>Series a daily chart shows at most, the rest stacked as "(other)".</summary>
    public const int MaxSeries = 20;

    /// <summary><c>GET /reports/daily?from=&amp;to=&amp;groupBy=&amp;top=</c>: spend per day stacked by a grouping (default developer, top 8).</summary>
    public static async Task<Results<JsonHttpResult<DailySeriesResponse>, ProblemHttpResult>> DailyAsync(
        string? from, string? to, string? groupBy, string? top, AggregateReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        var grouping = ReportGroupBy.Parse(groupBy);
        var count = 8;
        var topError = top is not null && (!int.TryParse(top, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxSeries)
            ? $"'top' must be a whole number from 1 to {MaxSeries}."
            : null;
        if (!range.IsValid || !grouping.IsValid || topError is not null)
        {
            return Invalid((range.Parameter, range.Error), (grouping.Parameter, grouping.Error), ("top", topError));
        }

        var report = await reports.DailySeriesAsync(range.Value, grouping.Value, count, cancellationToken);
        return TypedResults.Json(DailySeriesResponse.Of(report), ReportJsonContext.Default.DailySeriesResponse);
    }

    /// <summary><c>GET /reports/budgets?day=</c>: every usable key's budgets on a UTC day (default today).</summary>
    public static async Task<Results<JsonHttpResult<BudgetStatusResponse>, ProblemHttpResult>> BudgetsAsync(
        string? day, AggregateReports reports, IKeyStore keys, IBudgetCounterStore counters, TimeProvider time, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(day, day, time);
        if (!range.IsValid)
        {
            return Invalid(("day", $"'day' must be a UTC day as {ReportRange.DateFormat}."));
        }

        var report = await reports.BudgetStatusAsync(await keys.ListAsync(cancellationToken), range.Value.To, cancellationToken);
        var now = time.GetUtcNow();
        var live = await BudgetCounterReader.ReadAsync(counters, report, now, cancellationToken);
        return TypedResults.Json(
            BudgetStatusResponse.Of(report, keyId => (BudgetCounterResponse.Of(live.GetValueOrDefault((keyId, BudgetPeriod.Daily)), now), BudgetCounterResponse.Of(live.GetValueOrDefault((keyId, BudgetPeriod.Monthly)), now))),
            ReportJsonContext.Default.BudgetStatusResponse);
    }

    public static Results<PushStreamHttpResult, ProblemHttpResult> ExportCsv(
        string? from, string? to, AggregateReports reports, TimeProvider time, ILogger<AggregateReports> logger, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        return range.IsValid
            ? Csv("usage", range.Value, logger, writer => UsageCsvWriter.WriteAsync(writer, reports.ReadDailyRowsAsync(range.Value, cancellationToken), cancellationToken))
            : Invalid((range.Parameter, range.Error));
    }

    public static Results<PushStreamHttpResult, ProblemHttpResult> ExportFocus(
        string? from, string? to, AggregateReports reports, TimeProvider time, ILogger<AggregateReports> logger, CancellationToken cancellationToken)
    {
        var range = ReportRange.Parse(from, to, time);
        return range.IsValid
            ? Csv("focus", range.Value, logger, writer => FocusCsvWriter.WriteAsync(writer, reports.ReadLineRowsAsync(range.Value, cancellationToken), cancellationToken))
            : Invalid((range.Parameter, range.Error));
    }

    /// <summary>
    /// A CSV download written straight into the response as rows are read (chunked, no Content-Length). Once the
    /// first bytes are out the status cannot change any more, so a failure part way aborts the response: the client
    /// sees a broken transfer instead of a file that looks complete.
    /// </summary>
    private static PushStreamHttpResult Csv(string export, ReportRange range, ILogger logger, Func<TextWriter, Task<long>> write) =>
        TypedResults.Stream(
            async body =>
            {
                // Asynchronous all the way: Kestrel refuses synchronous writes, so the writer is flushed and disposed asynchronously.
                await using var writer = new StreamWriter(body, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true);
                try
                {
                    var records = await write(writer);
                    ReportLog.ExportWritten(logger, export, range, records);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ReportLog.ExportFailed(logger, export, range, exception);
                    throw;
                }
            },
            CsvContentType,
            $"keymeter-{export}-{ReportRange.Format(range.From)}-to-{ReportRange.Format(range.To)}.csv");

    /// <summary>The one place report input errors become a response: a 400 ProblemDetails with an error per parameter.</summary>
    internal static ProblemHttpResult Invalid(params (string? Parameter, string? Error)[] results) =>
        ValidationProblems.Of("The report query is invalid", results);
}
