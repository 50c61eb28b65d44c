using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using KeyMeter.Benchmarks.Proxy;
using KeyMeter.Core.Telemetry;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// The exporters' side: OTLP/HTTP posts to KeyMeter's <c>/otlp/v1/logs</c> over one keep-alive connection pool, each
/// with its developer's key in <c>Authorization</c>, its content type and, when compressed, <c>Content-Encoding: gzip</c>.
/// A post is accepted when the answer is 200 without a partial success (no event refused).
/// </summary>
internal sealed class OtlpClient(Uri keyMeter, IReadOnlyList<string> secrets) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");

    private readonly Uri _logs = new(keyMeter, "otlp/v1/logs");
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        ActivityHeadersPropagator = null,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask<Measurement> PostAsync(TelemetryPayload payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var exporter = payload.Exporter;
        using var request = new HttpRequestMessage(HttpMethod.Post, _logs) { Version = HttpVersion.Version11, Content = new ByteArrayContent(payload.Body) };
        request.Content.Headers.ContentType = exporter.Encoding == OtlpEncoding.Json ? Json : Protobuf;
        if (exporter.Gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets[exporter.Developer]);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var ticks = Stopwatch.GetTimestamp() - started;
            return new Measurement(ticks, ticks, response.StatusCode == HttpStatusCode.OK && Accepted(answer, exporter.Encoding));
        }
        catch (Exception exception) when ((exception is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            var ticks = Stopwatch.GetTimestamp() - started;
            return new Measurement(ticks, ticks, false);
        }
    }

    private static bool Accepted(byte[] answer, OtlpEncoding encoding)
    {
        var response = encoding == OtlpEncoding.Protobuf
            ? ExportLogsServiceResponse.Parser.ParseFrom(answer)
            : JsonParser.Default.Parse<ExportLogsServiceResponse>(Encoding.UTF8.GetString(answer));
        return response.PartialSuccess is null;
    }

    public void Dispose() => _client.Dispose();
}
