namespace KeyMeter.Core.Metering;

/// <summary>
/// What every event-stream meter shares: an incremental SSE reader fed the chunks as they pass, a span-based usage
/// scanner, and a reading computed once when the response ends. Subclasses say what each event means and how the
/// reading is made.
/// </summary>
internal abstract class SseUsageMeter : IUsageMeter, ISseEventHandler
{
    private readonly SseEventReader _reader;
    private UsageReading? _reading;

    protected SseUsageMeter(long estimatedInputTokens, int maxEventBytes)
    {
        EstimatedInputTokens = estimatedInputTokens;
        _reader = new SseEventReader(this, maxEventBytes);
        Scanner = new UsageJsonScanner(Facts);
    }

    /// <summary>Events that were not valid JSON and were skipped.</summary>
    public int MalformedEventCount { get; protected set; }

    /// <summary>Events over the size cap, skipped unread.</summary>
    public int OversizedEventCount => _reader.SkippedEventCount;

    /// <summary>The caller's estimate of the input, used when the provider reports none.</summary>
    protected long EstimatedInputTokens { get; }

    protected UsageFacts Facts { get; } = new();

    protected UsageJsonScanner Scanner { get; }

    protected RawUsage Usage { get; } = new();

    protected string? Model { get; set; }

    protected string? Id { get; set; }

    /// <summary>The number of the event being handled (<see cref="SseEventReader.EventsEnded"/>).</summary>
    protected long EventNumber => _reader.EventsEnded;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (_reading is not null)
        {
            throw new InvalidOperationException("The response was already completed.");
        }

        _reader.Append(chunk);
    }

    public UsageReading Complete(bool endedNormally)
    {
        if (_reading is null)
        {
            // An event cut off without its blank line is read only when the stream ended cleanly (the SSE standard).
            _reader.Complete(dispatchUnterminated: endedNormally);
            _reading = Read();
        }

        return _reading;
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) => OnEvent(eventName, data);

    /// <summary>
    /// Scans one event's JSON and names its type: from the <c>event:</c> line, or from the payload's <c>type</c> when a
    /// relay dropped the line. False (and counted) when the payload is not JSON.
    /// </summary>
    protected bool TryScanTypedEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data, out StreamEventType type)
    {
        Facts.Reset(captureIdentifiers: Model is null || Id is null);
        if (!Scanner.TryScanDocument(data))
        {
            MalformedEventCount++;
            type = StreamEventType.Other;
            return false;
        }

        type = UsageJsonScanner.ClassifyEventType(eventName);
        if (type == StreamEventType.Other)
        {
            type = Facts.Type;
        }

        return true;
    }

    protected abstract void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

    /// <summary>The reading once the stream has ended: exact when the provider reported usage, estimated otherwise.</summary>
    protected abstract UsageReading Read();
}
