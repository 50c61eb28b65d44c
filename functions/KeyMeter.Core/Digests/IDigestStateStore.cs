namespace KeyMeter.Core.Digests;

/// <summary>Port to the digests' watermarks (table <c>digeststate</c>): the first day of the last period sent, per kind.</summary>
public interface IDigestStateStore
{
    /// <summary>The first day of the newest period of <paramref name="kind"/> that went out, or null before the first run.</summary>
    Task<DateOnly?> GetAsync(DigestKind kind, CancellationToken cancellationToken);

    Task SetAsync(DigestKind kind, DateOnly periodStart, CancellationToken cancellationToken);
}
