namespace KeyMeter.Functions.Proxy;

/// <summary>How copying an upstream response to the client ended: expected outcomes, not exceptions.</summary>
internal enum CopyOutcome
{
    Completed,
    ClientAborted,
    UpstreamFailed,
}
