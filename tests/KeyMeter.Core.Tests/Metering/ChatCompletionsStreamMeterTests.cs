using KeyMeter.Core.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Metering;

public sealed class ChatCompletionsStreamMeterTests
{
    private static ChatCompletionsStreamMeter Meter(long estimatedInputTokens = 0, int maxEventBytes = SseEventReader.DefaultMaxEventBytes) =>
        new(ApiFormat.ChatCompletions, estimatedInputTokens, maxEventBytes);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MeterRunner.Whole)]
    public void Complete_CachedPromptTokens_NormalisedToDisjointBuckets(int chunkSize)
    {
        var reading = MeterRunner.Run(Meter(), ChatStream, chunkSize);

        Assert.Equal(2000, reading.Usage.InputTokens);
        Assert.Equal(8000, reading.Usage.CachedInputTokens);
        Assert.Equal(120, reading.Usage.OutputTokens);
        Assert.Equal(64, reading.Usage.ReasoningTokens);
        Assert.Equal(ChatModel, reading.Model);
        Assert.Equal(ChatId, reading.ProviderRequestId);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_UsageOnChunkWithChoicesDelta_ReadsUsage()
    {
        // Compatible providers put usage on the chunk that finishes the choice (BerriAI/litellm#36168).
        var stream = ChatStreamAborted
            + Data(ChatChunk("""[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":"stop"}]""", ChatUsageJson))
            + Data("[DONE]");

        var reading = MeterRunner.Run(Meter(), stream, 7);

        Assert.Equal(ChatUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public void Complete_UsageChunkWithNullOrAbsentChoices_ReadsUsage(string? choices)
    {
        // vLLM sends the usage chunk with "choices": null or without choices.
        var usageChunk = choices is null
            ? $$$"""{"id":"{{{ChatId}}}","object":"chat.completion.chunk","created":1741569952,"model":"{{{ChatModel}}}","usage":{{{ChatUsageJson}}}}"""
            : ChatChunk(choices, ChatUsageJson);

        var reading = MeterRunner.Run(Meter(), ChatStreamAborted + Data(usageChunk) + Data("[DONE]"), 7);

        Assert.Equal(ChatUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_SeveralUsageChunks_LastOneWins()
    {
        var stream = Data(ChatChunk("[]", """{"prompt_tokens":10,"completion_tokens":1,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":5}}"""))
            + Data(ChatChunk("[]", """{"prompt_tokens":40,"completion_tokens":3,"total_tokens":43}"""))
            + Data("[DONE]");

        var reading = MeterRunner.Run(Meter(), stream, 1);

        Assert.Equal(new TokenUsage(40, 0, 0, 0, 3, 0), reading.Usage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MeterRunner.Whole)]
    public void Complete_AbortedBeforeUsage_EstimatesOutputFromDeltasAndTakesCallersInput(int chunkSize)
    {
        var reading = MeterRunner.Run(Meter(estimatedInputTokens: 1234), ChatStreamAborted, chunkSize, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(1234, reading.Usage.InputTokens);
        Assert.Equal((ChatStreamAbortedTextBytes + 3) / 4, reading.Usage.OutputTokens);
        Assert.Equal(ChatModel, reading.Model);
        Assert.Equal(ChatId, reading.ProviderRequestId);
    }

    [Fact]
    public void Complete_MalformedEvent_SkipsItWithoutThrowingAndStillEstimates()
    {
        var stream = Data(ChatChunk("""[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]""", "null"))
            + Data("""{"id":"chatcmpl-x","choices":[{"index":0,"delta":{"content":"lost""")
            + Data("not json at all")
            + Data(ChatChunk("""[{"index":0,"delta":{"content":"World"},"finish_reason":null}]""", "null"));
        var meter = Meter(estimatedInputTokens: 50);

        var reading = MeterRunner.Run(meter, stream, 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(50, 0, 0, 0, 3, 0), reading.Usage);
        Assert.Equal(2, meter.MalformedEventCount);
    }

    [Fact]
    public void Complete_MalformedEventBeforeUsage_UsageStillExact()
    {
        var stream = ChatStreamAborted + Data("{\"choices\":[") + Data(ChatChunk("[]", ChatUsageJson)) + Data("[DONE]");

        var reading = MeterRunner.Run(Meter(), stream, 7);

        Assert.Equal(ChatUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_UsageEventOverCap_IsSkippedAndEstimated()
    {
        // The usage chunk's data is 477 bytes, every other event's at most 323.
        var meter = Meter(estimatedInputTokens: 9, maxEventBytes: 400);

        var reading = MeterRunner.Run(meter, ChatStream, 7);

        Assert.True(reading.Estimated);
        Assert.Equal(9, reading.Usage.InputTokens);
        Assert.Equal(1, meter.OversizedEventCount);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Complete_UsageEventMissingItsBlankLine_ReadOnlyWhenEndedNormally(bool endedNormally, bool estimated)
    {
        var stream = ChatStreamAborted + "data: " + ChatChunk("[]", ChatUsageJson);

        var reading = MeterRunner.Run(Meter(), stream, 7, endedNormally);

        Assert.Equal(estimated, reading.Estimated);
    }

    [Fact]
    public void Complete_EventsAfterDone_AreIgnored()
    {
        var stream = ChatStream + Data(ChatChunk("[]", """{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}"""));

        var reading = MeterRunner.Run(Meter(), stream, 7);

        Assert.Equal(ChatUsage, reading.Usage);
    }

    [Fact]
    public void Complete_LegacyCompletionsAborted_EstimatesFromChoiceText()
    {
        var stream = Data("""{"id":"cmpl-1","object":"text_completion","created":1,"choices":[{"text":"12345678","index":0,"logprobs":null,"finish_reason":null}],"model":"gpt-3.5-turbo-instruct"}""");

        var reading = MeterRunner.Run(new ChatCompletionsStreamMeter(ApiFormat.Completions, 3, SseEventReader.DefaultMaxEventBytes), stream, 1, endedNormally: false);

        Assert.Equal(new TokenUsage(3, 0, 0, 0, 2, 0), reading.Usage);
        Assert.True(reading.Estimated);
    }

    [Fact]
    public void Complete_CalledTwice_ReturnsSameReading()
    {
        var meter = Meter();
        meter.Observe(System.Text.Encoding.UTF8.GetBytes(ChatStream));

        Assert.Same(meter.Complete(endedNormally: true), meter.Complete(endedNormally: false));
    }

    [Fact]
    public void Observe_AfterComplete_Throws()
    {
        var meter = Meter();
        meter.Complete(endedNormally: true);

        Assert.Throws<InvalidOperationException>(() => meter.Observe("data: {}\n\n"u8));
    }
}
