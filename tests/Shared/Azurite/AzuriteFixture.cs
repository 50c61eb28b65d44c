using System.Net;
using System.Net.Sockets;
using KeyMeter.Adapters.Emulator;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Testing;

/// <summary>One in-memory Azurite on a free port for the whole "Azurite" collection.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    internal AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    internal TableServiceClient Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Generous: without an installed azurite-table the launcher downloads it through npx first.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _azurite = await AzuriteProcess.StartAsync(new AzuriteLaunchOptions(FreePort(), DataDirectory: null), timeout.Token);
        Service = TableServiceClient.FromConnectionString(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A table of its own for one test, created; dispose deletes it.</summary>
    internal async Task<TemporaryTable> CreateTableAsync(CancellationToken cancellationToken)
    {
        var table = Service.GetTableClient(UniqueTableName());
        await table.CreateIfNotExistsAsync(cancellationToken);
        return new TemporaryTable(table);
    }

    internal static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N")[..20];

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
