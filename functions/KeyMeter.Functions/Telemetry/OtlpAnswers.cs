using Google.Protobuf;
using KeyMeter.Core.Telemetry;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// Answers as the OTLP/HTTP specification has them (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response), in
/// the request's encoding: success is 200 with the signal's export response that names rejected records or points in
/// <c>partial_success</c>; a failure is its HTTP status with a <c>google.rpc.Status</c> body saying why.
/// </summary>
internal static class OtlpAnswers
{
    /// <summary>gRPC status codes carried in the Status body (https://grpc.io/docs/guides/status-codes/).</summary>
    public const int InvalidArgument = 3;
    public const int ResourceExhausted = 8;
    public const int Unimplemented = 12;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    /// <summary>A logs export's success: rejected records, when any, named in <c>partial_success</c>.</summary>
    public static ExportLogsServiceResponse LogsAnswer(int rejected, string? errorMessage) => rejected == 0
        ? new ExportLogsServiceResponse()
        : new ExportLogsServiceResponse { PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = rejected, ErrorMessage = errorMessage ?? "" } };

    /// <summary>A metrics export's success: rejected points, when any, named in <c>partial_success</c>.</summary>
    public static ExportMetricsServiceResponse MetricsAnswer(int rejected, string? errorMessage) => rejected == 0
        ? new ExportMetricsServiceResponse()
        : new ExportMetricsServiceResponse { PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = errorMessage ?? "" } };

    public static Task SuccessAsync(HttpContext context, OtlpEncoding encoding, IMessage answer) =>
        WriteAsync(context, encoding, StatusCodes.Status200OK, answer);

    public static Task FailAsync(HttpContext context, OtlpEncoding encoding, int status, int code, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, encoding, status, new Status { Code = code, Message = message });
    }

    private static Task WriteAsync(HttpContext context, OtlpEncoding encoding, int status, IMessage message)
    {
        context.Response.StatusCode = status;
        if (encoding == OtlpEncoding.Protobuf)
        {
            context.Response.ContentType = OtlpContentTypes.Protobuf;
            return context.Response.Body.WriteAsync(message.ToByteArray()).AsTask();
        }

        context.Response.ContentType = OtlpContentTypes.Json;
        return context.Response.WriteAsync(JsonFormatter.Default.Format(message));
    }
}
