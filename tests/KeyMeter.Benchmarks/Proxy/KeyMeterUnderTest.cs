using System.Net;
using System.Net.Sockets;
using KeyMeter.Adapters.Emulator;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// KeyMeter as it runs locally: the real app (<see cref="KeyMeterApp.Build"/>) on Kestrel at a loopback port, keys in
/// an in-memory Azurite, the real proxy pipeline and key cache, the fake upstream as both its OpenAI and its
/// Anthropic. Two things differ, both so that the measurement is the proxy's: the usage sink only counts (no queue),
/// and logging providers are cleared (no console writes).
/// </summary>
internal sealed class KeyMeterUnderTest : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly WebApplication _app;

    private KeyMeterUnderTest(AzuriteProcess azurite, WebApplication app, CountingUsageSink usage, string secret)
    {
        _azurite = azurite;
        _app = app;
        Usage = usage;
        Secret = secret;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public CountingUsageSink Usage { get; }

    /// <summary>A developer key without budgets or allow-list: budgets then cost no storage access (BudgetGate).</summary>
    public string Secret { get; }

    public static async Task<KeyMeterUnderTest> StartAsync(Uri upstream, string providerKey, CancellationToken cancellationToken)
    {
        // 1. Storage for keys: Azurite in memory on a free port.
        var azurite = await AzuriteProcess.StartAsync(new AzuriteLaunchOptions(FreePort(), DataDirectory: null), cancellationToken);
        try
        {
            // 2. The app in local mode in front of the fake upstream as both OpenAI and Anthropic, with the production
            // key cache TTL.
            var usage = new CountingUsageSink();
            string[] args =
            [
                "--urls=http://127.0.0.1:0",
                "--KeyMeter:Storage:ConnectionString=" + azurite.ConnectionString,
                "--KeyMeter:Storage:TablePrefix=bench" + Guid.NewGuid().ToString("N")[..8],
                "--KeyMeter:Local:FunctionKey=benchmark-function-key-0123456789",
                "--KeyMeter:Local:StartAzurite=false",
                "--KeyMeter:Providers:OpenAI:BaseUrl=" + new Uri(upstream, "v1"),
                "--KeyMeter:Secrets:OpenAIApiKey=" + providerKey,
                "--KeyMeter:Providers:Anthropic:BaseUrl=" + upstream,
                "--KeyMeter:Secrets:AnthropicApiKey=" + providerKey,
            ];
            var app = KeyMeterApp.Build(args, readLocalSettingsFile: false, configure: builder =>
            {
                builder.Logging.ClearProviders();
                builder.Services.AddSingleton<IUsageSink>(usage);
            });
            await app.StartAsync(cancellationToken);

            // 3. One developer key, created the way the manage endpoint does.
            var created = await app.Services.GetRequiredService<KeyManagement>().CreateAsync(
                new CreateKeyRequest("benchmark", "bench@example.com", new Dictionary<string, string> { ["team"] = "platform" }, null, null, null),
                "benchmark",
                cancellationToken);
            var secret = created.Value?.Secret ?? throw new InvalidOperationException("Creating the benchmark key failed: " + created.Kind);
            return new KeyMeterUnderTest(azurite, app, usage, secret);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
