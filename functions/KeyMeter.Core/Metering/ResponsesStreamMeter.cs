namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters an OpenAI Responses event stream (typed events, no <c>[DONE]</c>). Usage comes from the terminal
/// <c>response.completed</c>, <c>response.incomplete</c> or <c>response.failed</c> event under <c>response.usage</c>;
/// model and id from any event's <c>response</c>. Without usage, output is estimated from the text, refusal,
/// reasoning and function-call argument deltas seen.
/// </summary>
internal sealed class ResponsesStreamMeter : SseUsageMeter
{
    private bool _hasUsage;
    private long _textBytes;

    public ResponsesStreamMeter(long estimatedInputTokens, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
        : base(estimatedInputTokens, maxEventBytes)
    {
    }

    protected override UsageReading Read() => _hasUsage
        ? new UsageReading(Usage.ToTokenUsage(ApiFormat.Responses), Model, false, Id)
        : UsageReading.Estimate(EstimatedInputTokens, UsageReading.EstimateOutputTokens(_textBytes), Model, Id);

    protected override void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!TryScanTypedEvent(eventName, data, out var type))
        {
            return;
        }

        switch (type)
        {
            case StreamEventType.ResponseTextDelta:
                _textBytes += Facts.TextBytes;
                break;
            case StreamEventType.ResponseCompleted or StreamEventType.ResponseIncomplete or StreamEventType.ResponseFailed
                when Facts.HasUsage:
                Usage.CopyFrom(Facts.Usage);
                _hasUsage = true;
                break;
        }

        Model ??= Facts.ModelOrNull();
        Id ??= Facts.IdOrNull();
    }
}
