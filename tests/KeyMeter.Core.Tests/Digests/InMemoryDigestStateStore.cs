using KeyMeter.Core.Digests;

namespace KeyMeter.Core.Tests.Digests;

/// <summary><see cref="IDigestStateStore"/> in memory.</summary>
internal sealed class InMemoryDigestStateStore : IDigestStateStore
{
    public Dictionary<DigestKind, DateOnly> Watermarks { get; } = [];

    public Task<DateOnly?> GetAsync(DigestKind kind, CancellationToken cancellationToken) =>
        Task.FromResult(Watermarks.TryGetValue(kind, out var day) ? day : (DateOnly?)null);

    public Task SetAsync(DigestKind kind, DateOnly periodStart, CancellationToken cancellationToken)
    {
        Watermarks[kind] = periodStart;
        return Task.CompletedTask;
    }
}
