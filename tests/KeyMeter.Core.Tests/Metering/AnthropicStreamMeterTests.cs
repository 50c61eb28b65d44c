using KeyMeter.Core.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Metering;

public sealed class AnthropicStreamMeterTests
{
    private const string PlainStartUsage = """{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":2}""";

    private static string Delta(string usage) =>
        Event("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{{{usage}}}}""");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MeterRunner.Whole)]
    public void Complete_CacheReadAnd5mAnd1hWrites_FillsEveryBucket(int chunkSize)
    {
        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), AnthropicStream, chunkSize);

        Assert.Equal(new TokenUsage(25, 12000, 1000, 2000, 120, 0), reading.Usage);
        Assert.Equal(AnthropicModel, reading.Model);
        Assert.Equal(AnthropicId, reading.ProviderRequestId);
        Assert.False(reading.Estimated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MeterRunner.Whole)]
    public void Complete_TwoCumulativeDeltas_TakesLatestNotSum(int chunkSize)
    {
        var stream = AnthropicStart(PlainStartUsage)
            + AnthropicText
            + Delta("""{"output_tokens":50}""")
            + AnthropicText
            + Delta("""{"output_tokens":120}""")
            + Event("message_stop", """{"type":"message_stop"}""");

        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), stream, chunkSize);

        Assert.Equal(new TokenUsage(472, 0, 0, 0, 120, 0), reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_DeltaCarryingInputAndCacheCounts_LatestValuesReplaceStart()
    {
        // With server tools the final delta restates every cumulative count (BerriAI/litellm#42663).
        var stream = AnthropicStart(PlainStartUsage)
            + AnthropicText
            + Delta("""{"input_tokens":1500,"cache_creation_input_tokens":300,"cache_read_input_tokens":700,"output_tokens":90,"server_tool_use":{"web_search_requests":1}}""");

        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), stream, 7);

        Assert.Equal(new TokenUsage(1500, 700, 300, 0, 90, 0), reading.Usage);
    }

    [Fact]
    public void Complete_CacheCreationWithoutBreakdown_CountsAsFiveMinuteWrites()
    {
        var stream = AnthropicStart("""{"input_tokens":10,"cache_creation_input_tokens":2048,"cache_read_input_tokens":0,"output_tokens":1}""")
            + Delta("""{"output_tokens":5}""");

        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), stream, 7);

        Assert.Equal(new TokenUsage(10, 0, 2048, 0, 5, 0), reading.Usage);
    }

    [Fact]
    public void Complete_ErrorEventMidStream_KeepsExactInputAndEstimatesOutput()
    {
        var stream = AnthropicStart("""{"input_tokens":25,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":1}""")
            + AnthropicText
            + Event("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        var reading = MeterRunner.Run(new AnthropicStreamMeter(999), stream, 7);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(25, 12000, 1000, 2000, (AnthropicTextBytes + 3) / 4, 0), reading.Usage);
        Assert.Equal(AnthropicModel, reading.Model);
    }

    [Fact]
    public void Complete_CutAfterStartWithoutText_KeepsStartOutputCount()
    {
        var reading = MeterRunner.Run(new AnthropicStreamMeter(999), AnthropicStart(PlainStartUsage), 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(472, 0, 0, 0, 2, 0), reading.Usage);
    }

    [Fact]
    public void Complete_CutBeforeMessageStart_UsesCallersInputEstimate()
    {
        var reading = MeterRunner.Run(new AnthropicStreamMeter(999), "event: message_start\ndata: {\"type\":\"message_st", 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(999, 0, 0, 0, 0, 0), reading.Usage);
    }

    [Fact]
    public void Complete_TextAfterLastDelta_AddsEstimateToCumulativeCount()
    {
        var stream = AnthropicStart(PlainStartUsage) + AnthropicText + Delta("""{"output_tokens":50}""") + AnthropicText;

        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), stream, 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(472, 0, 0, 0, 50 + ((AnthropicTextBytes + 3) / 4), 0), reading.Usage);
    }

    [Fact]
    public void Complete_WithoutEventLines_UsesPayloadType()
    {
        var stream = AnthropicStream.Replace("event: ", ": was event ", StringComparison.Ordinal);

        var reading = MeterRunner.Run(new AnthropicStreamMeter(0), stream, 7);

        Assert.Equal(AnthropicUsage, reading.Usage);
    }
}
