using KeyMeter.Adapters.Tables;

namespace KeyMeter.Testing;

/// <summary>A table that exists for one test and is deleted afterwards.</summary>
internal sealed class TemporaryTable(TableClient client) : IAsyncDisposable
{
    public TableClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.DeleteIfExistsAsync(timeout.Token);
    }
}
