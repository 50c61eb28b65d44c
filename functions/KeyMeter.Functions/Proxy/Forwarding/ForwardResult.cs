using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>What forwarding one call produced: the provider's status (0 when none), how it ended and its meter.</summary>
/// <param name="Failure">For a call that got no answer, the exception type name, for the log.</param>
/// <param name="Cut">Whether the answer's body broke off after the client got its status (an error answer too).</param>
internal readonly record struct ForwardResult(int Status, CallEnd End, IUsageMeter Meter, string? Failure = null, bool Cut = false)
{
    /// <summary>Whether nothing was written to the client and the caller must answer (<see cref="ForwardFailures"/>).</summary>
    public bool Unanswered => End is CallEnd.NotDelivered or CallEnd.FailedBeforeAnswer;
}
