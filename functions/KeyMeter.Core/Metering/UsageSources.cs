namespace KeyMeter.Core.Metering;

/// <summary>Where a usage record came from: the <see cref="UsageRecord.Source"/> values.</summary>
public static class UsageSources
{
    /// <summary>A call through the BYOK proxy.</summary>
    public const string Proxy = "proxy";

    /// <summary>An event from Cursor's Admin API (usage that never passed the proxy).</summary>
    public const string Cursor = "cursor";

    public static bool IsKnown(string? source) => source is Proxy or Cursor;
}
