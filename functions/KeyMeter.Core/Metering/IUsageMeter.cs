namespace KeyMeter.Core.Metering;

/// <summary>
/// Reads the token usage of one upstream response from its bytes as they stream past, without buffering the body
/// and without keeping any prompt or completion text (README, Architecture). Create one per response
/// with <see cref="UsageMeters.Create(ApiFormat, bool, long)"/>; not thread-safe.
/// </summary>
public interface IUsageMeter
{
    /// <summary>
    /// Hands the meter the next chunk of the response body exactly as it goes to the client. Chunks may split
    /// events, lines and JSON tokens anywhere. Malformed or oversized content never throws; it only makes the
    /// reading an estimate.
    /// </summary>
    void Observe(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Ends the response and returns its usage: exact when the provider reported it, otherwise an estimate with
    /// <see cref="UsageReading.Estimated"/> set. Call it also when the client aborted or the upstream failed
    /// (no usage is lost); calling it again returns the same reading.
    /// </summary>
    /// <param name="endedNormally">
    /// <see langword="true"/> when the upstream body ended cleanly; then an event left without its closing blank
    /// line is still read. After an abort such a trailing event is discarded, as the SSE standard prescribes.
    /// </param>
    UsageReading Complete(bool endedNormally);
}
