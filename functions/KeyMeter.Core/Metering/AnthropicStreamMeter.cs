namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an Anthropic Messages event stream. <c>message_start</c> carries <c>message.usage</c> (input, cache reads
/// and writes, a small initial output) with model and id; every <c>message_delta</c> carries a <em>cumulative</em>
/// <c>usage</c>, so each field it has replaces the earlier value and nothing is added
/// (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
/// The reading is exact when a <c>message_delta</c> came and no generated text followed it; otherwise (abort, an
/// <c>error</c> event mid-stream) the input stays exact when <c>message_start</c> came and output is estimated.
/// </summary>
internal sealed class AnthropicStreamMeter : SseUsageMeter
{
    private bool _started;
    private bool _delivered;
    private long _textBytes;
    private long _textBytesSinceDelta;

    public AnthropicStreamMeter(long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
        : base(estimatedInputTokens, maxEventBytes)
    {
    }

    protected override void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!TryScanTypedEvent(eventName, data, out var type))
        {
            return;
        }

        switch (type)
        {
            case StreamEventType.MessageStart:
                if (Facts.HasUsage)
                {
                    Usage.CopyFrom(Facts.Usage);
                    _started = true;
                }

                Model ??= Facts.ModelOrNull();
                Id ??= Facts.IdOrNull();
                break;
            case StreamEventType.MessageDelta when Facts.HasUsage:
                Usage.MergeLatest(Facts.Usage);
                _delivered = true;
                _textBytesSinceDelta = 0;
                break;
            case StreamEventType.ContentBlockDelta:
                _textBytes += Facts.TextBytes;
                _textBytesSinceDelta += Facts.TextBytes;
                break;
        }
    }

    protected override UsageReading Read()
    {
        if (_delivered && _textBytesSinceDelta == 0)
        {
            return new UsageReading(Usage.ToTokenUsage(ApiFormat.AnthropicMessages), Model, false, Id);
        }

        if (_delivered)
        {
            // Cut during a later turn (server tools): the last cumulative count plus the text generated since.
            var counted = Usage.ToTokenUsage(ApiFormat.AnthropicMessages);
            return new UsageReading(
                counted with { OutputTokens = counted.OutputTokens + UsageReading.EstimateOutputTokens(_textBytesSinceDelta) },
                Model,
                true,
                Id);
        }

        if (_started)
        {
            // message_start's input and cache counts are final; its output count is only the first token or so.
            var started = Usage.ToTokenUsage(ApiFormat.AnthropicMessages);
            var output = Math.Max(started.OutputTokens, UsageReading.EstimateOutputTokens(_textBytes));
            return new UsageReading(started with { OutputTokens = output }, Model, true, Id);
        }

        return UsageReading.Estimate(EstimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), Model, Id);
    }
}
