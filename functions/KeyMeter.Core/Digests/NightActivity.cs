namespace KeyMeter.Core.Digests;

/// <summary>A developer's requests in the organisation's night hours over the period, and the local hours they fell in.</summary>
public sealed record NightActivity(string Developer, long Requests, decimal SpentUsd, IReadOnlyList<int> LocalHours);
