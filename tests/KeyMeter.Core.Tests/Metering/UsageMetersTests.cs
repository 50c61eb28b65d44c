using System.Text;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

public sealed class UsageMetersTests
{
    public static TheoryData<string, int> EveryFormatInEveryChunking()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in MeteringFixtures.Cases.Keys)
        {
            foreach (var chunkSize in new[] { 1, 7, MeterRunner.Whole })
            {
                data.Add(name, chunkSize);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFormatInEveryChunking))]
    public void Create_EveryFormatAndChunking_ReadsExactUsage(string fixture, int chunkSize)
    {
        var (format, streaming, body, usage, model) = MeteringFixtures.Cases[fixture];

        var reading = MeterRunner.Run(UsageMeters.Create(format, streaming, estimatedInputTokens: 77), body, chunkSize);

        Assert.Equal(usage, reading.Usage);
        Assert.Equal(model, reading.Model);
        Assert.False(reading.Estimated);
    }

    [Theory]
    [InlineData("chat-stream")]
    [InlineData("completions-stream")]
    [InlineData("responses-stream")]
    [InlineData("anthropic-stream")]
    [InlineData("chat-json")]
    [InlineData("responses-json")]
    [InlineData("anthropic-json")]
    public void Create_BodyCutBeforeFinalUsage_EstimatesWithCallersInput(string fixture)
    {
        var (format, streaming, body, _, _) = MeteringFixtures.Cases[fixture];
        var cut = body[..body.LastIndexOf("\"usage\"", StringComparison.Ordinal)];

        var reading = MeterRunner.Run(UsageMeters.Create(format, streaming, estimatedInputTokens: 1234), cut, 7, endedNormally: false);

        // Anthropic streams report the input up front in message_start; everything else falls back to the caller.
        Assert.True(reading.Estimated);
        Assert.Equal(format == ApiFormat.AnthropicMessages && streaming ? 25 : 1234, reading.Usage.InputTokens);
        Assert.True(reading.Usage.OutputTokens > 0);
    }

    [Fact]
    public void Create_EmbeddingsMarkedStreaming_ReadsJson()
    {
        var reading = MeterRunner.Run(UsageMeters.Create(ApiFormat.Embeddings, streaming: true), MeteringFixtures.EmbeddingsJson, 3);

        Assert.Equal(new TokenUsage(8, 0, 0, 0, 0, 0), reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Create_NegativeInputEstimate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UsageMeters.Create(ApiFormat.ChatCompletions, true, -1));
    }

    [Fact]
    public void Create_UndefinedFormat_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UsageMeters.Create((ApiFormat)99, streaming: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => UsageMeters.Create((ApiFormat)99, streaming: true));
    }

    [Fact]
    public void None_ObservesAnythingAndReadsZero()
    {
        var meter = UsageMeters.None;
        meter.Observe("data: {\"usage\":{\"prompt_tokens\":5}}\n\n"u8);

        var reading = meter.Complete(endedNormally: true);

        Assert.Equal(TokenUsage.Zero, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Create_EventOverDefaultCapBeforeUsage_SkipsItAndReadsUsage()
    {
        var huge = MeteringFixtures.Data(MeteringFixtures.ChatChunk(
            $$$"""[{"index":0,"delta":{"content":"{{{new string('x', SseEventReader.DefaultMaxEventBytes)}}}"},"finish_reason":null}]""", "null"));

        var reading = MeterRunner.Run(UsageMeters.Create(ApiFormat.ChatCompletions, streaming: true), huge + MeteringFixtures.ChatStream, 16 * 1024);

        Assert.Equal(MeteringFixtures.ChatUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Observe_MegabyteOfDeltas_AllocatesFarLessThanTheStream()
    {
        // Every delta carries a distinct text so nothing could be cached by accident.
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 1024 * 1024; i++)
        {
            builder.Append(MeteringFixtures.Data(MeteringFixtures.ChatChunk(
                $$$"""[{"index":0,"delta":{"content":"token {{{i}}} of a long answer, with some more words"},"logprobs":null,"finish_reason":null}]""", "null")));
        }

        var stream = Encoding.UTF8.GetBytes(builder.Append(MeteringFixtures.Data(MeteringFixtures.ChatChunk("[]", MeteringFixtures.ChatUsageJson))).ToString());
        MeterRunner.Run(UsageMeters.Create(ApiFormat.ChatCompletions, streaming: true), stream, 4096); // JIT and pool warm-up
        var chunks = MeterRunner.Chunks(stream, 4096).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var meter = UsageMeters.Create(ApiFormat.ChatCompletions, streaming: true);
        foreach (var chunk in chunks)
        {
            meter.Observe(chunk.Span);
        }

        var reading = meter.Complete(endedNormally: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(MeteringFixtures.ChatUsage, reading.Usage);
        Assert.True(allocated < 32 * 1024, $"Metering {stream.Length:N0} bytes allocated {allocated:N0} bytes.");
    }
}
