using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Testing;

/// <summary>
/// The start-up every loopback fake shares: a slim ASP.NET Core app on real Kestrel at 127.0.0.1 on a free port, with
/// logging off. Its owner maps routes as it starts it; <see cref="BaseAddress"/> is then the root it listens on.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private Uri? _baseAddress;

    /// <param name="configure">Runs on the builder before the app is built: services, a log provider.</param>
    public LoopbackServer(Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        App = builder.Build();
    }

    public WebApplication App { get; }

    /// <summary>The root, e.g. <c>http://127.0.0.1:41234/</c>; known once started.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The loopback server has not started.");

    /// <summary>Maps the owner's routes and middleware, then listens; on failure the app is disposed and the error rethrown.</summary>
    public async Task StartAsync(Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        try
        {
            map(App);
            await App.StartAsync(cancellationToken);
        }
        catch
        {
            await App.DisposeAsync();
            throw;
        }

        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
