namespace KeyMeter.Core.Keys;

/// <summary>A key together with its secret: returned exactly once, by create or rotate.</summary>
public sealed record CreatedKey(DeveloperKey Key, string Secret);
