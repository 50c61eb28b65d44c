using KeyMeter.Adapters.Emulator;

namespace KeyMeter.Testing;

/// <summary>
/// An Azurite of one test's own, with its data on disk, that the test can stop and start again on the same port to
/// play a storage outage (the shared one stays up for everyone else).
/// </summary>
internal sealed class StoppableAzurite : IAsyncDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("keymeter-azurite-");
    private readonly int _port = AzuriteFixture.FreePort();
    private AzuriteProcess? _azurite;

    private StoppableAzurite()
    {
    }

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite is stopped.")).ConnectionString;

    private AzuriteLaunchOptions Launch => new(_port, _data.FullName);

    public static async Task<StoppableAzurite> StartAsync()
    {
        var azurite = new StoppableAzurite();
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>Stops it; it saves its data on the way out.</summary>
    public async Task StopAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }
    }

    public async Task RestartAsync() => _azurite ??= await AzuriteProcess.StartAsync(Launch, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data.Delete(recursive: true);
    }
}
