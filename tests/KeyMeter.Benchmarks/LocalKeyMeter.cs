using KeyMeter.Core.Keys;
using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Benchmarks;

/// <summary>
/// KeyMeter as it runs locally, for the benchmarks that drive it over HTTP: the real app
/// (<see cref="KeyMeterApp.Build"/>) in local mode on Kestrel at a loopback port, on tables of its own (a unique
/// prefix) in an Azurite the benchmark started, with logging providers cleared (no console writes); developer keys
/// created the way the manage endpoint creates them.
/// </summary>
internal static class LocalKeyMeter
{
    /// <summary>Starts the app; <paramref name="settings"/> are further <c>--KeyMeter:…</c> arguments, <paramref name="configure"/> last-minute changes.</summary>
    public static async Task<WebApplication> StartAsync(
        string connectionString,
        string tablePrefix,
        IEnumerable<string> settings,
        Action<WebApplicationBuilder> configure,
        CancellationToken cancellationToken)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--KeyMeter:Storage:ConnectionString=" + connectionString,
            "--KeyMeter:Storage:TablePrefix=" + tablePrefix,
            "--KeyMeter:Local:FunctionKey=benchmark-function-key-0123456789",
            "--KeyMeter:Local:StartAzurite=false",
            .. settings,
        ];
        var app = KeyMeterApp.Build(args, readLocalSettingsFile: false, configure: builder =>
        {
            builder.Logging.ClearProviders();
            configure(builder);
        });
        await app.StartAsync(cancellationToken);
        return app;
    }

    public static Uri BaseAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>A key without budgets or allow-list (budgets then cost no storage access), with the secret shown once.</summary>
    public static async Task<CreatedKey> CreateKeyAsync(WebApplication app, string name, string ownerEmail, Dictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var created = await app.Services.GetRequiredService<KeyManagement>().CreateAsync(new CreateKeyRequest(name, ownerEmail, tags, null, null, null), "benchmark", cancellationToken);
        return created.Value ?? throw new InvalidOperationException($"Creating the benchmark key '{name}' failed: {created.Kind}");
    }
}
