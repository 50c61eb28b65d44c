using KeyMeter.Core.Retention;

namespace KeyMeter.Adapters.Tests.Retention;

/// <summary>Passes every call to the real store, recording delete sizes and running a hook before each delete.</summary>
internal sealed class RecordingRetentionStore(IRetentionStore inner) : IRetentionStore
{
    public List<int> DeleteSizes { get; } = [];

    /// <summary>Runs before a delete reaches the real store, with the rows it is about to delete.</summary>
    public Func<string, IReadOnlyList<string>, Task>? BeforeDelete { get; set; }

    public Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken) =>
        inner.ListPartitionsAsync(cancellationToken);

    public Task<RetentionPage> ReadMarkersAsync(string partition, DateOnly countedBefore, int max, string? continuation, CancellationToken cancellationToken) =>
        inner.ReadMarkersAsync(partition, countedBefore, max, continuation, cancellationToken);

    public Task<RetentionPage> ReadDailyRowsAsync(string partition, DateOnly before, int max, string? continuation, CancellationToken cancellationToken) =>
        inner.ReadDailyRowsAsync(partition, before, max, continuation, cancellationToken);

    public Task<RetentionPage> ReadRowsAsync(string partition, int max, string? continuation, CancellationToken cancellationToken) =>
        inner.ReadRowsAsync(partition, max, continuation, cancellationToken);

    public async Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        DeleteSizes.Add(rowKeys.Count);
        if (BeforeDelete is { } hook)
        {
            await hook(partition, rowKeys);
        }

        await inner.DeleteAsync(partition, rowKeys, cancellationToken);
    }
}
