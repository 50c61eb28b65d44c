namespace KeyMeter.Core.Metering;

/// <summary>Receives the events an <see cref="SseEventReader"/> completes.</summary>
internal interface ISseEventHandler
{
    /// <summary>
    /// One complete event. Both spans point into the reader's pooled buffers and are valid only during the call;
    /// copy nothing out of them that is not needed (no prompt or completion text is kept).
    /// </summary>
    /// <param name="eventName">The last <c>event:</c> value, empty when the event had none.</param>
    /// <param name="data">The event's <c>data:</c> lines joined with LF.</param>
    void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);
}
