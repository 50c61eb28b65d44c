namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>How copying an upstream response to the client ended: expected outcomes, not exceptions.</summary>
internal enum CopyOutcome
{
    /// <summary>The client received the whole body.</summary>
    Completed,

    /// <summary>The client went away, and the rest of the upstream body was read (and metered) to its end.</summary>
    ClientAbortedDrained,

    /// <summary>The client went away, and the upstream body did not end within the drain time: metering is partial.</summary>
    ClientAborted,

    /// <summary>The upstream body broke off.</summary>
    UpstreamFailed,
}
