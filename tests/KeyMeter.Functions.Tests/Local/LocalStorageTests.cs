using KeyMeter.Adapters.Emulator;
using KeyMeter.Adapters.Tables;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Storage;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Local;

public sealed class LocalStorageTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("keymeter-azurite-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private LocalOptions Local(bool start = true) => new() { StartAzurite = start, AzuriteDataDirectory = _data };

    [Fact]
    public async Task StartIfNeededAsync_DevelopmentStorageNotRunning_StartsAzuriteThatServesTables()
    {
        var port = AzuriteFixture.FreePort();
        var storage = new StorageOptions { ConnectionString = TableDevelopmentStorage.ConnectionString(TableDevelopmentStorage.TableEndpoint("127.0.0.1", port)) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        await using var azurite = await LocalStorage.StartIfNeededAsync(storage, Local(), timeout.Token);

        Assert.NotNull(azurite);
        Assert.True(await AzuriteProcess.IsListeningAsync("127.0.0.1", port, timeout.Token));
        var table = TableServiceClient.FromConnectionString(storage.ConnectionString).GetTableClient("started");
        await table.CreateIfNotExistsAsync(timeout.Token);
        Assert.True((await table.InsertAsync(new TableEntity("p", "r") { ["Value"] = 1 }, timeout.Token)).IsSuccess);

        // A second start finds it running and starts nothing.
        Assert.Null(await LocalStorage.StartIfNeededAsync(storage, Local(), timeout.Token));
    }

    [Fact]
    public async Task StartIfNeededAsync_StartDisabledOrRealAccount_StartsNothing()
    {
        var emulator = new StorageOptions { ConnectionString = TableDevelopmentStorage.ConnectionString(TableDevelopmentStorage.TableEndpoint("127.0.0.1", AzuriteFixture.FreePort())) };
        var account = new StorageOptions { ConnectionString = "DefaultEndpointsProtocol=https;AccountName=realacct;AccountKey=" + Convert.ToBase64String(new byte[32]) + ";EndpointSuffix=core.windows.net" };
        var identity = new StorageOptions { TableServiceUri = new Uri("https://realacct.table.core.windows.net") };

        Assert.Null(await LocalStorage.StartIfNeededAsync(emulator, Local(start: false), CancellationToken.None));
        Assert.Null(await LocalStorage.StartIfNeededAsync(account, Local(), CancellationToken.None));
        Assert.Null(await LocalStorage.StartIfNeededAsync(identity, Local(), CancellationToken.None));
    }
}
