using System.Net;
using System.Net.Sockets;
using KeyMeter.Adapters.Emulator;
using KeyMeter.Adapters.Tables;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests;

// Starts Azurites of its own, so it can run beside the shared fixture's collection.
public sealed class AzuriteProcessTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task StartAsync_FreePort_ServesTablesUntilDisposed()
    {
        var port = AzuriteFixture.FreePort();

        var azurite = await AzuriteProcess.StartAsync(new AzuriteLaunchOptions(port, DataDirectory: null), Ct);
        bool listeningBefore;
        try
        {
            listeningBefore = await AzuriteProcess.IsListeningAsync("127.0.0.1", port, Ct);
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/devstoreaccount1"), azurite.TableEndpoint);
            Assert.Contains("--tablePort " + port, azurite.Command, StringComparison.Ordinal);
            Assert.DoesNotContain(TableDevelopmentStorage.AccountKey, azurite.Command, StringComparison.Ordinal);
            Assert.DoesNotContain(TableDevelopmentStorage.AccountKey, azurite.ToString(), StringComparison.Ordinal);
            var table = TableServiceClient.FromConnectionString(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName());
            await table.CreateIfNotExistsAsync(Ct);
            Assert.True((await table.InsertAsync(new TableEntity("p", "r"), Ct)).IsSuccess);
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        Assert.True(listeningBefore);
        Assert.False(await AzuriteProcess.IsListeningAsync("127.0.0.1", port, Ct));
    }

    [Fact]
    public async Task StartAsync_DataDirectory_KeepsDataAcrossRestarts()
    {
        var directory = Directory.CreateTempSubdirectory("keymeter-azurite-data-");
        try
        {
            var port = AzuriteFixture.FreePort();
            var options = new AzuriteLaunchOptions(port, directory.FullName);
            var tableName = AzuriteFixture.UniqueTableName();

            await using (var first = await AzuriteProcess.StartAsync(options, Ct))
            {
                var table = TableServiceClient.FromConnectionString(first.ConnectionString).GetTableClient(tableName);
                await table.CreateIfNotExistsAsync(Ct);
                await table.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);
            }

            await using var second = await AzuriteProcess.StartAsync(options, Ct);
            var read = await TableServiceClient.FromConnectionString(second.ConnectionString).GetTableClient(tableName).GetAsync("p", "r", Ct);

            Assert.Equal(1, read.Value?.GetInt32("V"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_PortAlreadyTaken_ThrowsNamingPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteProcess.StartAsync(new AzuriteLaunchOptions(port, null), Ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ExecutableExitsEarly_ThrowsWithCommandExitCodeAndStderr()
    {
        var command = new AzuriteCommandLine("node", ["-e", "console.error('cannot bind: boom'); process.exit(3)"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AzuriteProcess.StartAsync(new AzuriteLaunchOptions(AzuriteFixture.FreePort(), null), command, Ct));

        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot bind: boom", error.Message, StringComparison.Ordinal);
        Assert.Contains("node -e", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NeverListens_TimesOutAndKillsProcess()
    {
        var marker = Guid.NewGuid().ToString("N");
        var command = new AzuriteCommandLine("node", ["-e", $"console.error('{marker}'); setTimeout(() => {{}}, 120000)"]);
        var options = new AzuriteLaunchOptions(AzuriteFixture.FreePort(), null) { StartupTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => AzuriteProcess.StartAsync(options, command, Ct));

        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(marker, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(
            System.Diagnostics.Process.GetProcessesByName("node"),
            p => SafeCommandLine(p).Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ExecutableMissing_ThrowsWithInstallHint()
    {
        var command = new AzuriteCommandLine("/nonexistent/azurite-table", ["--tablePort", "1"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AzuriteProcess.StartAsync(new AzuriteLaunchOptions(AzuriteFixture.FreePort(), null), command, Ct));

        Assert.Contains("/nonexistent/azurite-table", error.Message, StringComparison.Ordinal);
        Assert.Contains("KEYMETER_AZURITE_PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsListeningAsync_NothingThere_ReturnsFalse()
    {
        Assert.False(await AzuriteProcess.IsListeningAsync("127.0.0.1", AzuriteFixture.FreePort(), Ct));
    }

    private static string SafeCommandLine(System.Diagnostics.Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
