namespace KeyMeter.Core.Metering;

/// <summary>How a metered call ended.</summary>
public static class UsageOutcomes
{
    public const string Completed = "completed";
    public const string ClientAborted = "client_aborted";
    public const string UpstreamFailed = "upstream_failed";
    public const string UpstreamError = "upstream_error";
}
