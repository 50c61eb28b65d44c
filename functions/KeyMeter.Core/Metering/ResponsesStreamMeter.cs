namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an OpenAI Responses event stream (typed events, no <c>[DONE]</c>). Usage comes from the terminal
/// <c>response.completed</c>, <c>response.incomplete</c> or <c>response.failed</c> event under <c>response.usage</c>;
/// model and id from any event's <c>response</c>. Without usage, output is estimated from the text, refusal,
/// reasoning and function-call argument deltas seen.
/// </summary>
internal sealed class ResponsesStreamMeter : IUsageMeter, ISseEventHandler
{
    private readonly long _estimatedInputTokens;
    private readonly SseEventReader _reader;
    private readonly UsageFacts _facts = new();
    private readonly UsageJsonScanner _scanner;
    private readonly RawUsage _usage = new();
    private bool _hasUsage;
    private long _textBytes;
    private string? _model;
    private string? _id;
    private UsageReading? _reading;

    public ResponsesStreamMeter(long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
    {
        _estimatedInputTokens = estimatedInputTokens;
        _reader = new SseEventReader(this, maxEventBytes);
        _scanner = new UsageJsonScanner(_facts);
    }

    /// <summary>Events that were not valid JSON and were skipped.</summary>
    public int MalformedEventCount { get; private set; }

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
            _reader.Complete(dispatchUnterminated: endedNormally);
            _reading = _hasUsage
                ? new UsageReading(_usage.ToTokenUsage(ApiFormat.Responses), _model, false, _id)
                : UsageReading.Estimate(_estimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), _model, _id);
        }

        return _reading;
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        _facts.Reset(captureIdentifiers: _model is null || _id is null);
        if (!_scanner.TryScanDocument(data))
        {
            MalformedEventCount++;
            return;
        }

        // The event: line names the event; the payload's "type" says the same and serves when a relay drops the line.
        var type = UsageJsonScanner.ClassifyEventType(eventName);
        if (type == StreamEventType.Other)
        {
            type = _facts.Type;
        }

        switch (type)
        {
            case StreamEventType.ResponseTextDelta:
                _textBytes += _facts.TextBytes;
                break;
            case StreamEventType.ResponseCompleted or StreamEventType.ResponseIncomplete or StreamEventType.ResponseFailed
                when _facts.HasUsage:
                _usage.CopyFrom(_facts.Usage);
                _hasUsage = true;
                break;
        }

        _model ??= _facts.ModelOrNull();
        _id ??= _facts.IdOrNull();
    }
}
