using System.Buffers;
using System.Net;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The reference hop: the smallest forwarder in the shape the proxy follows (one long-lived invoker over
/// <see cref="SocketsHttpHandler"/>, headers read first, hop-by-hop headers dropped, a pooled buffer, a flush per read)
/// and nothing else: no keys, no body inspection, no metering, no pricing. Through it versus direct is what any HTTP
/// proxy hop costs on this machine; KeyMeter's own work is what it adds on top.
/// </summary>
internal sealed class BareForwarder : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection",
    };

    private readonly LoopbackServer _server;
    private readonly Uri _upstream;
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        ActivityHeadersPropagator = null,
    });

    private BareForwarder(LoopbackServer server, Uri upstream)
    {
        _server = server;
        _upstream = upstream;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<BareForwarder> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var forwarder = new BareForwarder(new LoopbackServer(), new Uri(upstream, "v1/chat/completions"));
        await forwarder._server.StartAsync(app => app.MapPost("/v1/chat/completions", forwarder.ForwardAsync), cancellationToken);
        return forwarder;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Post, _upstream)
        {
            Version = HttpVersion.Version11,
            Content = new StreamContent(context.Request.Body),
        };
        foreach (var (name, value) in context.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        using var response = await _invoker.SendAsync(request, cancellationToken);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _invoker.Dispose();
    }
}
