using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    private readonly WebApplication _app;
    private readonly Uri _upstream;
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        ActivityHeadersPropagator = null,
    });

    private BareForwarder(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<BareForwarder> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var forwarder = new BareForwarder(app, new Uri(upstream, "v1/chat/completions"));
        app.MapPost("/v1/chat/completions", forwarder.ForwardAsync);
        await app.StartAsync(cancellationToken);
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
        await _app.StopAsync();
        await _app.DisposeAsync();
        _invoker.Dispose();
    }
}
