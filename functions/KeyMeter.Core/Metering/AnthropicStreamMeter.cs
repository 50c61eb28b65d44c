namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an Anthropic Messages event stream. <c>message_start</c> carries <c>message.usage</c> (input, cache reads
/// and writes, a small initial output) with model and id; every <c>message_delta</c> carries a <em>cumulative</em>
/// <c>usage</c>, so each field it has replaces the earlier value and nothing is added (reference/cursor-api.md 4.3).
/// The reading is exact when a <c>message_delta</c> came and no generated text followed it; otherwise (abort, an
/// <c>error</c> event mid-stream) the input stays exact when <c>message_start</c> came and output is estimated.
/// </summary>
internal sealed class AnthropicStreamMeter : IUsageMeter, ISseEventHandler
{
    private readonly long _estimatedInputTokens;
    private readonly SseEventReader _reader;
    private readonly UsageFacts _facts = new();
    private readonly UsageJsonScanner _scanner;
    private readonly RawUsage _usage = new();
    private bool _started;
    private bool _delivered;
    private long _textBytes;
    private long _textBytesSinceDelta;
    private string? _model;
    private string? _id;
    private UsageReading? _reading;

    public AnthropicStreamMeter(long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
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
            _reading = Read();
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

        var type = UsageJsonScanner.ClassifyEventType(eventName);
        if (type == StreamEventType.Other)
        {
            type = _facts.Type;
        }

        switch (type)
        {
            case StreamEventType.MessageStart:
                if (_facts.HasUsage)
                {
                    _usage.CopyFrom(_facts.Usage);
                    _started = true;
                }

                _model ??= _facts.ModelOrNull();
                _id ??= _facts.IdOrNull();
                break;
            case StreamEventType.MessageDelta when _facts.HasUsage:
                _usage.MergeLatest(_facts.Usage);
                _delivered = true;
                _textBytesSinceDelta = 0;
                break;
            case StreamEventType.ContentBlockDelta:
                _textBytes += _facts.TextBytes;
                _textBytesSinceDelta += _facts.TextBytes;
                break;
        }
    }

    private UsageReading Read()
    {
        if (_delivered && _textBytesSinceDelta == 0)
        {
            return new UsageReading(_usage.ToTokenUsage(ApiFormat.AnthropicMessages), _model, false, _id);
        }

        if (_delivered)
        {
            // Cut during a later turn (server tools): the last cumulative count plus the text generated since.
            var counted = _usage.ToTokenUsage(ApiFormat.AnthropicMessages);
            return new UsageReading(
                counted with { OutputTokens = counted.OutputTokens + UsageReading.EstimateOutputTokens(_textBytesSinceDelta) },
                _model,
                true,
                _id);
        }

        if (_started)
        {
            // message_start's input and cache counts are final; its output count is only the first token or so.
            var started = _usage.ToTokenUsage(ApiFormat.AnthropicMessages);
            var output = Math.Max(started.OutputTokens, UsageReading.EstimateOutputTokens(_textBytes));
            return new UsageReading(started with { OutputTokens = output }, _model, true, _id);
        }

        return UsageReading.Estimate(_estimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), _model, _id);
    }
}
