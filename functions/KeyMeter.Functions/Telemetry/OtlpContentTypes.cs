using KeyMeter.Core.Telemetry;
using Microsoft.Net.Http.Headers;

namespace KeyMeter.Functions.Telemetry;

/// <summary>The media types of OTLP/HTTP bodies, and which encoding a request's <c>Content-Type</c> names.</summary>
internal static class OtlpContentTypes
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    /// <summary>The encoding of <paramref name="contentType"/>, or null for any other type.</summary>
    public static OtlpEncoding? EncodingOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            Protobuf => OtlpEncoding.Protobuf,
            Json => OtlpEncoding.Json,
            _ => null,
        } : null;
}
