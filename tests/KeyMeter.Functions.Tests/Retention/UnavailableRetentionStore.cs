using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Retention;

namespace KeyMeter.Functions.Tests.Retention;

/// <summary>An <see cref="IRetentionStore"/> whose every call fails as Table Storage does when it is unavailable.</summary>
internal sealed class UnavailableRetentionStore : IRetentionStore
{
    public Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken) => throw Unavailable();

    public Task<RetentionPage> ReadMarkersAsync(string partition, DateOnly countedBefore, int max, string? continuation, CancellationToken cancellationToken) => throw Unavailable();

    public Task<RetentionPage> ReadDailyRowsAsync(string partition, DateOnly before, int max, string? continuation, CancellationToken cancellationToken) => throw Unavailable();

    public Task<RetentionPage> ReadRowsAsync(string partition, int max, string? continuation, CancellationToken cancellationToken) => throw Unavailable();

    public Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken) => throw Unavailable();

    private static TableRequestFailedException Unavailable() => new("aggregates", "Query", 503, "ServerBusy");
}
