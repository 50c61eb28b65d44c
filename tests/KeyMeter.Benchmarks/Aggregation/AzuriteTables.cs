using System.Net;
using System.Net.Sockets;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Emulator;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// An in-memory Azurite table service on a free port, started by this process and stopped on dispose, and the real
/// <see cref="TableAggregateStore"/> over it. Each run uses a table prefix of its own, so runs never see each other's rows.
/// </summary>
internal sealed class AzuriteTables : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private AzuriteTables(AzuriteProcess azurite) => _azurite = azurite;

    public static async Task<AzuriteTables> StartAsync(CancellationToken cancellationToken) =>
        new(await AzuriteProcess.StartAsync(new AzuriteLaunchOptions(FreePort(), DataDirectory: null), cancellationToken));

    /// <summary>How an app reaches this Azurite (the well-known development account on its port).</summary>
    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>A table prefix nobody has used: a letter, then hex (table names are alphanumeric).</summary>
    public static string NewPrefix(string purpose) => purpose + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// A store with its own client and connection pool, as one function instance has, on the aggregates table of
    /// <paramref name="prefix"/>; the table is created before it is returned, so creating it is no part of a measurement.
    /// </summary>
    public async Task<TableAggregateStore> OpenAsync(string prefix, CancellationToken cancellationToken)
    {
        var tables = new TableProvider(TableServiceClient.FromConnectionString(_azurite.ConnectionString), prefix);
        await tables.GetAsync(AggregateKeys.TableName, cancellationToken);
        return new TableAggregateStore(tables, NullLogger<TableAggregateStore>.Instance);
    }

    /// <summary>Processor time used so far by this process and by Azurite.</summary>
    public CpuTimes Cpu() => CpuTimes.Of(_azurite.ProcessId);

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
