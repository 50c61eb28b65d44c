using Azure.Core;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Tables;
using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;
using KeyMeter.Functions.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// KeyMeter as it runs locally (<see cref="LocalKeyMeter"/>) with the whole usage pipeline: the OTLP receiver, the
/// usage queue in process, the <c>usage-aggregate</c> function and the aggregates in Azurite. Two things are added,
/// both only to count: a <see cref="TableTraffic"/> policy in its Table client's pipeline, and a
/// <see cref="CountingAggregateStore"/> around its aggregate store. Cursor polling is off (no Cursor key).
/// </summary>
internal sealed class TelemetryKeyMeter : IAsyncDisposable
{
    private static readonly string[] Teams = ["payments", "search", "platform", "mobile"];

    private readonly WebApplication _app;

    private TelemetryKeyMeter(WebApplication app, TableTraffic traffic, TableAggregateStore aggregates)
    {
        _app = app;
        Traffic = traffic;
        Aggregates = aggregates;
    }

    public Uri BaseAddress => LocalKeyMeter.BaseAddress(_app);

    /// <summary>Every Table request the app sends.</summary>
    public TableTraffic Traffic { get; }

    /// <summary>The aggregator's store calls.</summary>
    public CountingAggregateStore Store => _app.Services.GetRequiredService<CountingAggregateStore>();

    /// <summary>The app's aggregates through a client of the benchmark's own, so reading them is not counted as the app's traffic.</summary>
    public TableAggregateStore Aggregates { get; }

    public CallPricing Pricing => _app.Services.GetRequiredService<CallPricing>();

    public static async Task<TelemetryKeyMeter> StartAsync(AzuriteTables azurite, CancellationToken cancellationToken)
    {
        var prefix = AzuriteTables.NewPrefix("otlp");
        var traffic = new TableTraffic(prefix);
        var options = new TableClientOptions();
        options.AddPolicy(traffic, HttpPipelinePosition.PerRetry);
        var app = await LocalKeyMeter.StartAsync(azurite.ConnectionString, prefix, ["--KeyMeter:Cursor:Enabled=false"], builder =>
        {
            builder.Services.AddSingleton(TableServiceClient.FromConnectionString(azurite.ConnectionString, options));
            builder.Services.AddSingleton(provider => new CountingAggregateStore(provider.GetRequiredService<TableAggregateStore>()));
            builder.Services.AddSingleton<IAggregateStore>(provider => provider.GetRequiredService<CountingAggregateStore>());
        }, cancellationToken);
        return new TelemetryKeyMeter(app, traffic, await azurite.OpenAsync(prefix, cancellationToken));
    }

    /// <summary>One key per developer, in developer order, each with a team tag.</summary>
    public async Task<IReadOnlyList<CreatedKey>> CreateKeysAsync(int developers, CancellationToken cancellationToken)
    {
        var keys = new List<CreatedKey>();
        for (var i = 0; i < developers; i++)
        {
            var tags = new Dictionary<string, string> { ["team"] = Teams[i % Teams.Length] };
            keys.Add(await LocalKeyMeter.CreateKeyAsync(_app, $"agents-{i}", $"dev{i:D2}@example.com", tags, cancellationToken));
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
