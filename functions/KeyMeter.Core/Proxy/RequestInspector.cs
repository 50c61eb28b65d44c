namespace KeyMeter.Core.Proxy;

/// <summary>
/// The one reading of a request body that every control uses: the allow-list, the budget estimate and the meter all
/// see the model, stream flag and limits the provider will see. Bodies a provider could read differently (invalid
/// UTF-8, unpaired surrogate escapes, duplicate member names) are refused, so the bytes forwarded are exactly the bytes
/// inspected.
/// </summary>
public static class RequestInspector
{
    /// <summary>The summary, or null with a reason (which never quotes body text) when the body is refused.</summary>
    public static RequestSummary? Inspect(ReadOnlySpan<byte> body, out string? error) => RequestWalk.Run(body, out error);
}
