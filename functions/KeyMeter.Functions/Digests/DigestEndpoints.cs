using System.Globalization;
using KeyMeter.Core.Digests;
using KeyMeter.Core.Notifications;
using KeyMeter.Functions.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Digests;

/// <summary>
/// <c>GET /reports/digest?period=daily|weekly&amp;format=html|text&amp;date=</c> (the <c>reports</c> function): the digest
/// exactly as the timer would send it, rendered as its email's HTML or plain text. <c>date</c> is any day of the wanted
/// period; without it, the newest complete one.
/// </summary>
internal static class DigestEndpoints
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    public static IEndpointRouteBuilder MapDigestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/digest", PreviewAsync).AddEndpointFilter(Reports.ReportOverflowFilter.InvokeAsync);
        return endpoints;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> PreviewAsync(
        string? period,
        string? format,
        string? date,
        DigestBuilder builder,
        IOptions<NotificationOptions> notifications,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        DigestKind? kind = (period ?? "daily") switch
        {
            "daily" => DigestKind.Daily,
            "weekly" => DigestKind.Weekly,
            _ => null,
        };
        var html = (format ?? "html") switch
        {
            "html" => (bool?)true,
            "text" => false,
            _ => null,
        };
        DateOnly? day = null;
        string? dateError = null;
        if (date is not null)
        {
            // Four-digit years only, as the reports: a period and the one before it are computed from the day.
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed >= Earliest && parsed <= Latest)
            {
                day = parsed;
            }
            else
            {
                dateError = "'date' must be a UTC day as yyyy-MM-dd between 2000-01-01 and 2999-12-31.";
            }
        }

        if (kind is null || html is null || dateError is not null)
        {
            return ReportEndpoints.Invalid(
                ("period", kind is null ? "'period' must be daily or weekly." : null),
                ("format", html is null ? "'format' must be html or text." : null),
                ("date", dateError));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var digestPeriod = day is { } inside ? DigestPeriod.Containing(kind.Value, inside) : DigestPeriod.LatestComplete(kind.Value, today);
        var message = DigestComposer.Compose(await builder.BuildAsync(digestPeriod, cancellationToken), notifications.Value.DashboardUrl);
        return html.Value
            ? TypedResults.Content(HtmlRenderer.Render(message), "text/html; charset=utf-8")
            : TypedResults.Content(PlainTextRenderer.Render(message), "text/plain; charset=utf-8");
    }
}
