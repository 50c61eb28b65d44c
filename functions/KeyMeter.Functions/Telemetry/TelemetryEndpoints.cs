using KeyMeter.Core.Telemetry;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// Maps the OTLP/HTTP receiver under <c>/otlp</c>, so a developer sets <c>OTEL_EXPORTER_OTLP_ENDPOINT=https://&lt;app&gt;/otlp</c>
/// and the exporter appends <c>/v1/logs</c> and <c>/v1/metrics</c>. Traces and anything else are answered 404 in OTLP's error shape.
/// </summary>
internal static class TelemetryEndpoints
{
    public const string LogsPath = "/otlp/v1/logs";

    public const string MetricsPath = "/otlp/v1/metrics";

    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        var logs = app.ServiceProvider.GetRequiredService<OtlpLogsReceiver>();
        app.MapPost(LogsPath, logs.HandleAsync);
        app.MapPost(MetricsPath, app.ServiceProvider.GetRequiredService<OtlpMetricsReceiver>().HandleAsync);
        app.Map("/otlp/{**rest}", context => OtlpAnswers.FailAsync(
            context,
            OtlpContentTypes.EncodingOf(context.Request.ContentType) ?? OtlpEncoding.Json,
            StatusCodes.Status404NotFound,
            OtlpAnswers.Unimplemented,
            $"KeyMeter receives OTLP logs at {LogsPath} and metrics at {MetricsPath} (POST); leave traces off (OTEL_TRACES_EXPORTER=none)."));
        return app;
    }
}
