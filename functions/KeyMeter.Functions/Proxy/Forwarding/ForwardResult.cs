using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>What forwarding one call produced: the provider's status (0 when none), how it ended and its meter.</summary>
/// <param name="Failure">For a call that failed, what failed (an exception type name or a short phrase), for the log.</param>
internal readonly record struct ForwardResult(int Status, CallEnd End, IUsageMeter Meter, string? Failure = null)
{
    /// <summary>The <see cref="Failure"/> of an answer whose body broke off after the client got its status.</summary>
    public const string BodyCut = "response body cut";

    /// <summary>Whether nothing was written to the client and the caller must answer (<see cref="ForwardFailures"/>).</summary>
    public bool Unanswered => End is CallEnd.NotDelivered or CallEnd.FailedBeforeAnswer;
}
