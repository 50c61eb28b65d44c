namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an OpenAI Chat Completions (or legacy Completions) event stream. Usage comes from every chunk that carries a
/// non-null <c>usage</c>, whatever its <c>choices</c> hold (an empty array as OpenAI sends it, <c>null</c> or absent as
/// vLLM does, or a delta as other compatible providers do; lessons-from-peers #3); the last one wins.
/// <c>data: [DONE]</c> ends the stream. Without usage, output is estimated from the delta text seen.
/// </summary>
internal sealed class ChatCompletionsStreamMeter : IUsageMeter, ISseEventHandler
{
    private readonly ApiFormat _format;
    private readonly long _estimatedInputTokens;
    private readonly SseEventReader _reader;
    private readonly UsageFacts _facts = new();
    private readonly UsageJsonScanner _scanner;
    private readonly RawUsage _usage = new();
    private bool _hasUsage;
    private bool _done;
    private long _textBytes;
    private string? _model;
    private string? _id;
    private UsageReading? _reading;

    public ChatCompletionsStreamMeter(ApiFormat format, long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
    {
        _format = format;
        _estimatedInputTokens = estimatedInputTokens;
        _reader = new SseEventReader(this, maxEventBytes);
        _scanner = new UsageJsonScanner(_facts);
    }

    /// <summary>Events that were not valid JSON and were skipped.</summary>
    public int MalformedEventCount { get; private set; }

    public int OversizedEventCount => _reader.SkippedEventCount;

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
                ? new UsageReading(_usage.ToTokenUsage(_format), _model, false, _id)
                : UsageReading.Estimate(_estimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), _model, _id);
        }

        return _reading;
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (_done || data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return;
        }

        _facts.Reset(captureIdentifiers: _model is null || _id is null);
        if (!_scanner.TryScanDocument(data))
        {
            MalformedEventCount++;
            return;
        }

        _textBytes += _facts.TextBytes;
        if (_facts.HasUsage)
        {
            _usage.CopyFrom(_facts.Usage);
            _hasUsage = true;
        }

        _model ??= _facts.ModelOrNull();
        _id ??= _facts.IdOrNull();
    }
}
