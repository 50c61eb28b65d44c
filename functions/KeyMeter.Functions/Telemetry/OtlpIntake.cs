using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.Proxy;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// The first steps of every OTLP export, whatever its signal: the encoding from the content type, the developer's own
/// KeyMeter key, and the body within its limits, inflated when gzip. Anything wrong is answered here, in OTLP's shape.
/// </summary>
internal sealed class OtlpIntake(
    ProxyKeyResolver keys,
    BufferedBodyBudget bodies,
    IOptions<TelemetryOptions> options,
    ILogger<OtlpIntake> logger)
{
    /// <summary>What a retryable refusal asks the exporter to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The export, or null when the request was answered (refused) already.</summary>
    public async Task<OtlpExport?> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var settings = options.Value;
        var cancellationToken = context.RequestAborted;

        // 1. The encoding, from the content type; the answer uses the same.
        if (OtlpContentTypes.EncodingOf(request.ContentType) is not { } encoding)
        {
            await RefuseAsync(context, OtlpEncoding.Json, StatusCodes.Status415UnsupportedMediaType, OtlpAnswers.InvalidArgument, $"Send '{OtlpContentTypes.Protobuf}' or '{OtlpContentTypes.Json}' (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf or http/json).");
            return null;
        }

        // 2. The developer's own KeyMeter key (OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer km_…).
        var found = await keys.AuthenticateAsync(request, cancellationToken);
        if (found.Unavailable)
        {
            await OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter cannot check keys right now; the exporter retries.", RetryAfter);
            return null;
        }

        if (found.Key is not { } key)
        {
            await RefuseAsync(context, encoding, StatusCodes.Status401Unauthorized, OtlpAnswers.Unauthenticated, "Send your own KeyMeter key: OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20km_…");
            return null;
        }

        // 3. The body, within its limits, inflated when gzip.
        var (body, failure) = await RequestBody.ReadAsync(request, settings.MaxBodyBytes, bodies, cancellationToken);
        if (body is null)
        {
            await (failure == RequestBodyFailure.Busy
                ? OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter is busy; the exporter retries.", RetryAfter)
                : RefuseAsync(context, encoding, StatusCodes.Status413PayloadTooLarge, OtlpAnswers.ResourceExhausted, $"The body is larger than {settings.MaxBodyBytes} bytes; export smaller batches."));
            return null;
        }

        var payload = await InflateAsync(context, encoding, body.Memory, settings);
        if (payload is null)
        {
            body.Dispose();
            return null;
        }

        return new OtlpExport(encoding, key, payload.Value, body);
    }

    /// <summary>Answers a refusal and logs its status and reason (never the body).</summary>
    public Task RefuseAsync(HttpContext context, OtlpEncoding encoding, int status, int code, string reason)
    {
        TelemetryLog.Refused(logger, status, reason);
        return OtlpAnswers.FailAsync(context, encoding, status, code, reason);
    }

    /// <summary>The payload as sent, or inflated when gzip; null when refused (answered).</summary>
    private async Task<ReadOnlyMemory<byte>?> InflateAsync(HttpContext context, OtlpEncoding encoding, ReadOnlyMemory<byte> payload, TelemetryOptions settings)
    {
        var contentEncoding = context.Request.Headers[HeaderNames.ContentEncoding].ToString();
        if (contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            var inflated = GzipBody.Inflate(payload, settings.MaxInflatedBytes, out var tooLarge);
            if (inflated is null)
            {
                await (tooLarge
                    ? RefuseAsync(context, encoding, StatusCodes.Status413PayloadTooLarge, OtlpAnswers.ResourceExhausted, $"The body inflates to more than {settings.MaxInflatedBytes} bytes; export smaller batches.")
                    : RefuseAsync(context, encoding, StatusCodes.Status400BadRequest, OtlpAnswers.InvalidArgument, "The body is not valid gzip."));
                return null;
            }

            return inflated;
        }

        if (contentEncoding.Length > 0 && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, encoding, StatusCodes.Status415UnsupportedMediaType, OtlpAnswers.InvalidArgument, "Only gzip content encoding is accepted.");
            return null;
        }

        return payload;
    }
}
