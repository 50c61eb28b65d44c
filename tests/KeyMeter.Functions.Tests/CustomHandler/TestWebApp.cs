using KeyMeter.Functions.CustomHandler;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>A minimal app on real Kestrel (loopback, port 0) with the payload functions mapped.</summary>
internal sealed class TestWebApp : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private TestWebApp(LoopbackServer server)
    {
        _server = server;
        Client = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public IServiceProvider Services => _server.App.Services;

    public HttpClient Client { get; }

    public static async Task<TestWebApp> StartAsync(Action<IServiceCollection> configureServices, ILoggerProvider? logs = null)
    {
        var server = new LoopbackServer(builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            configureServices(builder.Services);
        });
        await server.StartAsync(app => app.MapPayloadFunctions());
        return new TestWebApp(server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
