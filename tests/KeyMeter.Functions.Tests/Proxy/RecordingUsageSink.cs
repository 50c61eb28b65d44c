using System.Collections.Concurrent;
using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Keeps every published usage record; <see cref="WaitForAsync"/> waits until enough have arrived.</summary>
internal sealed class RecordingUsageSink : IUsageSink
{
    private readonly ConcurrentQueue<UsageRecord> _records = new();
    private readonly SemaphoreSlim _published = new(0);

    public IReadOnlyList<UsageRecord> Records => [.. _records];

    public ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        _records.Enqueue(record);
        _published.Release();
        return ValueTask.CompletedTask;
    }

    public async Task<IReadOnlyList<UsageRecord>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        for (var seen = 0; seen < count; seen++)
        {
            await _published.WaitAsync(cancellation.Token);
        }

        return Records;
    }
}
