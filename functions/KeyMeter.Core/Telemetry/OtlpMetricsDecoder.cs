using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// Reads an OTLP <c>ExportMetricsServiceRequest</c> in either encoding into <see cref="TelemetryPoint"/>s: the number
/// points of sums and gauges (https://opentelemetry.io/docs/specs/otlp/). Histograms and summaries are skipped; the
/// agents KeyMeter reads export counters. A payload that is not a well-formed request is refused whole, with the reason.
/// </summary>
public static class OtlpMetricsDecoder
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static OtlpMetricsBatch Decode(ReadOnlyMemory<byte> body, OtlpEncoding encoding) =>
        encoding == OtlpEncoding.Protobuf ? DecodeProtobuf(body) : DecodeJson(body);

    private static OtlpMetricsBatch DecodeProtobuf(ReadOnlyMemory<byte> body)
    {
        ExportMetricsServiceRequest request;
        try
        {
            request = ExportMetricsServiceRequest.Parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException exception)
        {
            return OtlpMetricsBatch.Unreadable("The body is not an OTLP ExportMetricsServiceRequest in protobuf: " + exception.Message);
        }

        var points = new List<TelemetryPoint>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = new TelemetryAttributes();
            OtlpFields.AddAttributes(resource, resourceMetrics.Resource?.Attributes);
            var service = resource.Text("service.name") ?? "";
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(scope => scope.Metrics))
            {
                var (dataPoints, cumulative) = metric.DataCase switch
                {
                    Metric.DataOneofCase.Sum => (metric.Sum.DataPoints, metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative),
                    Metric.DataOneofCase.Gauge => (metric.Gauge.DataPoints, false),
                    _ => (null, false),
                };
                foreach (var point in dataPoints ?? [])
                {
                    var attributes = new TelemetryAttributes();
                    OtlpFields.AddAttributes(attributes, resourceMetrics.Resource?.Attributes);
                    OtlpFields.AddAttributes(attributes, point.Attributes);
                    double? value = point.ValueCase switch
                    {
                        NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
                        NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
                        _ => null,
                    };
                    points.Add(new TelemetryPoint(metric.Name, service, attributes, point.StartTimeUnixNano, point.TimeUnixNano, value, cumulative));
                }
            }
        }

        return new OtlpMetricsBatch(points, null);
    }

    private static OtlpMetricsBatch DecodeJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OtlpMetricsBatch.Unreadable("The body is not a JSON object.");
            }

            var points = new List<TelemetryPoint>();
            foreach (var resourceMetrics in OtlpFields.Array(root, "resourceMetrics", "resource_metrics"))
            {
                var resourceAttributes = OtlpFields.Member(resourceMetrics, "resource") is { ValueKind: JsonValueKind.Object } resourceElement ? OtlpFields.Member(resourceElement, "attributes") : null;
                var resource = new TelemetryAttributes();
                OtlpFields.AddAttributes(resource, resourceAttributes);
                var service = resource.Text("service.name") ?? "";
                foreach (var scopeMetrics in OtlpFields.Array(resourceMetrics, "scopeMetrics", "scope_metrics"))
                {
                    foreach (var metric in OtlpFields.Array(scopeMetrics, "metrics", "metrics"))
                    {
                        var name = OtlpFields.Text(metric, "name", "name") ?? "";
                        var (data, cumulative) = OtlpFields.Member(metric, "sum") is { ValueKind: JsonValueKind.Object } sum
                            ? (sum, IsCumulative(sum))
                            : (OtlpFields.Member(metric, "gauge") is { ValueKind: JsonValueKind.Object } gauge ? gauge : default, false);
                        if (data.ValueKind != JsonValueKind.Object)
                        {
                            continue;
                        }

                        foreach (var point in OtlpFields.Array(data, "dataPoints", "data_points"))
                        {
                            var attributes = new TelemetryAttributes();
                            OtlpFields.AddAttributes(attributes, resourceAttributes);
                            OtlpFields.AddAttributes(attributes, OtlpFields.Member(point, "attributes"));
                            points.Add(new TelemetryPoint(
                                name,
                                service,
                                attributes,
                                OtlpFields.Nanos(point, "startTimeUnixNano", "start_time_unix_nano"),
                                OtlpFields.Nanos(point, "timeUnixNano", "time_unix_nano"),
                                Value(point),
                                cumulative));
                        }
                    }
                }
            }

            return new OtlpMetricsBatch(points, null);
        }
        catch (JsonException exception)
        {
            return OtlpMetricsBatch.Unreadable("The body is not valid JSON: " + exception.Message);
        }
        catch (FormatException exception)
        {
            return OtlpMetricsBatch.Unreadable("The body is not an OTLP ExportMetricsServiceRequest in JSON: " + exception.Message);
        }
    }

    /// <summary><c>aggregationTemporality</c> as the enum's number (2) or name (<c>AGGREGATION_TEMPORALITY_CUMULATIVE</c>).</summary>
    private static bool IsCumulative(JsonElement sum) => OtlpFields.Member(sum, "aggregationTemporality", "aggregation_temporality") switch
    {
        { ValueKind: JsonValueKind.Number } number => number.TryGetInt32(out var value) && value == (int)AggregationTemporality.Cumulative,
        { ValueKind: JsonValueKind.String } text => text.GetString() == "AGGREGATION_TEMPORALITY_CUMULATIVE",
        _ => false,
    };

    /// <summary>The point's <c>asInt</c> (a string or a number) or <c>asDouble</c>; null when it has neither.</summary>
    private static double? Value(JsonElement point)
    {
        if (OtlpFields.Member(point, "asInt", "as_int") is { } integer)
        {
            return integer.ValueKind switch
            {
                JsonValueKind.String when long.TryParse(integer.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
                JsonValueKind.Number when integer.TryGetInt64(out var parsed) => parsed,
                _ => throw new FormatException("an 'asInt' is not a 64-bit integer."),
            };
        }

        return OtlpFields.Member(point, "asDouble", "as_double") switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.Number } real => real.GetDouble(),
            { ValueKind: JsonValueKind.String } text when double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new FormatException("an 'asDouble' is not a number."),
        };
    }
}
