using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The client side: one <see cref="SocketsHttpHandler"/> pool (HTTP/1.1 keep-alive like OpenAI SDKs and Cursor, no
/// proxy, no decompression), bodies read into the caller's buffer and only counted, so the client allocates the same
/// whatever the body size.
/// </summary>
internal sealed class LoadClient(StreamCatalog streams) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] CompletionRequest = ChatPayloads.Request(stream: false);
    private static readonly byte[] StreamRequest = ChatPayloads.Request(stream: true);

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ActivityHeadersPropagator = null,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A small non-streaming chat completion.</summary>
    public async ValueTask<Measurement> CompleteAsync(Target target, byte[] buffer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = Create(target, CompletionRequest);
        var (firstByte, bytes, ok) = await SendAndReadAsync(request, buffer, started, cancellationToken);
        return new Measurement(firstByte, Stopwatch.GetTimestamp() - started, ok && bytes == ChatPayloads.Completion.Length);
    }

    /// <summary>A streamed chat completion of <paramref name="size"/> bytes (<see cref="StreamCatalog.Tokens"/>: a short answer).</summary>
    public async ValueTask<Measurement> StreamAsync(Target target, int size, bool hold, byte[] buffer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = Create(target, StreamRequest);
        if (size != StreamCatalog.Tokens)
        {
            request.Headers.TryAddWithoutValidation(FakeUpstream.StreamBytesHeader, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (hold)
        {
            request.Headers.TryAddWithoutValidation(FakeUpstream.HoldHeader, "1");
        }

        var (firstByte, bytes, ok) = await SendAndReadAsync(request, buffer, started, cancellationToken);
        return new Measurement(firstByte, Stopwatch.GetTimestamp() - started, ok && bytes == streams.ClientBytes(size, target.ThroughKeyMeter));
    }

    private static HttpRequestMessage Create(Target target, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.ChatCompletions)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.TryAddWithoutValidation("Authorization", target.Authorization);
        return request;
    }

    private async Task<(long FirstByteTicks, long Bytes, bool Ok)> SendAndReadAsync(
        HttpRequestMessage request, byte[] buffer, long started, CancellationToken cancellationToken)
    {
        // A failed call is a value (Ok false, counted as an error), so one broken connection does not end the run.
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var firstByte = 0L;
            var total = 0L;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (total == 0)
                {
                    firstByte = Stopwatch.GetTimestamp() - started;
                }

                total += read;
            }

            return (firstByte, total, response.StatusCode == HttpStatusCode.OK);
        }
        catch (Exception exception) when ((exception is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return (Stopwatch.GetTimestamp() - started, -1, false);
        }
    }

    public void Dispose() => _client.Dispose();
}
