using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Google.Protobuf;
using KeyMeter.Core.Telemetry;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// An export request as bytes on the wire. JSON is OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
/// the proto3 JSON mapping with lowerCamelCase names, 64-bit integers as strings and enums as numbers, written
/// compactly as the exporters' serializers do. Gzip at zlib's default level, as the exporters' compression.
/// </summary>
internal static class OtlpBodies
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(true));

    public static byte[] Encode(ExportLogsServiceRequest request, OtlpEncoding encoding)
    {
        if (encoding == OtlpEncoding.Protobuf)
        {
            return request.ToByteArray();
        }

        using var document = JsonDocument.Parse(Formatter.Format(request));
        var compact = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(compact))
        {
            document.WriteTo(writer);
        }

        return compact.WrittenSpan.ToArray();
    }

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
