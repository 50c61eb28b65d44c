namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an OpenAI Chat Completions (or legacy Completions) event stream. Usage comes from every chunk that carries a
/// non-null <c>usage</c>, whatever its <c>choices</c> hold (an empty array as OpenAI sends it, <c>null</c> or absent as
/// vLLM does, or a delta as other compatible providers do, which BerriAI/litellm#36168 missed); the last one wins.
/// <c>data: [DONE]</c> ends the stream. Without usage, output is estimated from the delta text seen.
/// <para>
/// When the proxy asked for usage on the client's behalf, the same parse also names the usage-only chunks the client
/// must not see (<see cref="IUsageOnlyEvents"/>): <see cref="UsageChunkFilter"/> drops them without parsing again.
/// </para>
/// </summary>
internal sealed class ChatCompletionsStreamMeter : SseUsageMeter, IUsageOnlyEvents
{
    private readonly ApiFormat _format;
    private readonly Queue<long>? _usageOnly;
    private bool _hasUsage;
    private bool _done;
    private long _textBytes;

    public ChatCompletionsStreamMeter(ApiFormat format, long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes, bool namesUsageOnlyEvents = false)
        : base(estimatedInputTokens, maxEventBytes)
    {
        _format = format;
        _usageOnly = namesUsageOnlyEvents ? new Queue<long>(2) : null;
    }

    bool IUsageOnlyEvents.IsUsageOnly(long eventNumber)
    {
        var queue = _usageOnly ?? throw new InvalidOperationException("This meter was not asked to name usage-only events.");
        while (queue.TryPeek(out var next) && next < eventNumber)
        {
            queue.Dequeue();
        }

        return queue.TryPeek(out var found) && found == eventNumber && queue.Dequeue() == eventNumber;
    }

    void IUsageOnlyEvents.EndStream() => Complete(endedNormally: true);

    protected override UsageReading Read() => _hasUsage
        ? new UsageReading(Usage.ToTokenUsage(_format), Model, false, Id)
        : UsageReading.Estimate(EstimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), Model, Id);

    protected override void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (_done || data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return;
        }

        Facts.Reset(captureIdentifiers: Model is null || Id is null);
        if (!Scanner.TryScanDocument(data))
        {
            MalformedEventCount++;
            return;
        }

        _textBytes += Facts.TextBytes;
        if (Facts.HasUsage)
        {
            Usage.CopyFrom(Facts.Usage);
            _hasUsage = true;
            if (!Facts.HasChoices)
            {
                _usageOnly?.Enqueue(EventNumber);
            }
        }

        Model ??= Facts.ModelOrNull();
        Id ??= Facts.IdOrNull();
    }
}
