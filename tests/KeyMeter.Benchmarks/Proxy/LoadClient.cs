using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The client side: one <see cref="SocketsHttpHandler"/> pool (HTTP/1.1 keep-alive like OpenAI SDKs and Cursor, no
/// proxy, no decompression), bodies read into the caller's buffer: a streamed body only counted, so the client
/// allocates the same whatever the body size; a small answer kept whole and checked once its time is taken.
/// </summary>
internal sealed class LoadClient(StreamCatalog streams) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
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

    /// <summary>
    /// A small non-streaming call (<see cref="Target.CompletionBody"/>), its answer checked by
    /// <see cref="Target.IsExpectedAnswer"/> after the clock stopped.
    /// </summary>
    public async ValueTask<Measurement> CompleteAsync(Target target, byte[] buffer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = Create(target, target.CompletionBody);
        var (firstByte, bytes, ok) = await SendAndReadAsync(request, buffer, started, keep: true, cancellationToken);
        var total = Stopwatch.GetTimestamp() - started;
        return new Measurement(firstByte, total, ok && target.IsExpectedAnswer(buffer.AsSpan(0, (int)bytes)));
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

        var (firstByte, bytes, ok) = await SendAndReadAsync(request, buffer, started, keep: false, cancellationToken);
        return new Measurement(firstByte, Stopwatch.GetTimestamp() - started, ok && bytes == streams.ClientBytes(size, target.ThroughKeyMeter));
    }

    private static HttpRequestMessage Create(Target target, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>
    /// Sends and reads the body to its end into <paramref name="buffer"/>: with <paramref name="keep"/>, whole from its
    /// start (a body that does not fit is a failed call), otherwise each read over the last.
    /// </summary>
    private async Task<(long FirstByteTicks, long Bytes, bool Ok)> SendAndReadAsync(
        HttpRequestMessage request, byte[] buffer, long started, bool keep, CancellationToken cancellationToken)
    {
        // A failed call is a value (Ok false, counted as an error), so one broken connection does not end the run.
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var firstByte = 0L;
            var total = 0L;
            int read;
            while ((read = await body.ReadAsync(keep ? buffer.AsMemory((int)total) : buffer, cancellationToken)) > 0)
            {
                if (total == 0)
                {
                    firstByte = Stopwatch.GetTimestamp() - started;
                }

                total += read;
                if (keep && total == buffer.Length)
                {
                    return (firstByte, total, false);
                }
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
