using KeyMeter.Functions.CustomHandler;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>A minimal app on real Kestrel (loopback, port 0) with the payload functions mapped.</summary>
internal sealed class TestWebApp : IAsyncDisposable
{
    private TestWebApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public HttpClient Client { get; }

    public static async Task<TestWebApp> StartAsync(Action<IServiceCollection> configureServices, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        configureServices(builder.Services);
        var app = builder.Build();
        try
        {
            app.MapPayloadFunctions();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestWebApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
