namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>How a forwarded call ended, as far as metering is concerned.</summary>
internal enum CallEnd
{
    /// <summary>The provider answered 2xx and the client read it all.</summary>
    Completed,

    /// <summary>The provider answered with an error status: it served nothing billable.</summary>
    UpstreamError,

    /// <summary>The client left, and the provider's answer was read to its end anyway: metered exactly.</summary>
    ClientAbortedDrained,

    /// <summary>The client left mid-answer and the rest did not arrive within the drain time: metered from what was seen.</summary>
    ClientAbortedMidAnswer,

    /// <summary>The client left and the provider had not answered within the drain time: recorded at the call's ceiling.</summary>
    ClientAbortedBeforeAnswer,

    /// <summary>The request never reached the provider (no connection): nothing to bill.</summary>
    NotDelivered,

    /// <summary>The connection failed after the request was sent and before an answer: recorded at the call's ceiling.</summary>
    FailedBeforeAnswer,

    /// <summary>The provider's answer broke off: metered from what was seen.</summary>
    FailedMidAnswer,
}
