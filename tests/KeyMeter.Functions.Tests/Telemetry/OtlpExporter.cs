using System.Net;
using System.Net.Http.Headers;
using KeyMeter.Functions.Tests.Proxy;

namespace KeyMeter.Functions.Tests.Telemetry;

/// <summary>Posts an export the way an agent's OTLP/HTTP exporter does: the body, its content type, the developer's key as a bearer token.</summary>
internal static class OtlpExporter
{
    public const string Json = "application/json";

    public const string Protobuf = "application/x-protobuf";

    /// <summary>Posts <paramref name="body"/> and asserts the receiver accepted it (200).</summary>
    public static async Task ExportAsync(ProxyHarness harness, byte[] body, string contentType, string secret, string path = "/otlp/v1/logs")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await harness.App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
