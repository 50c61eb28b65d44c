using System.Buffers;
using System.Text;
using KeyMeter.Core.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Metering;

public sealed class UsageChunkFilterTests
{
    private static readonly string Content = Data(ChatChunk("""[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]""", "null"));
    private static readonly string Finish = Data(ChatChunk("""[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]""", "null"));
    private static readonly string UsageOnly = Data(ChatChunk("[]", ChatUsageJson));
    private static readonly string Done = Data("[DONE]");

    /// <summary>A meter naming usage-only events and the filter trusting it, as the proxy pairs them.</summary>
    private sealed record Pair(ChatCompletionsStreamMeter Meter, UsageChunkFilter Filter)
    {
        public static Pair Of(int maxHeldBytes = UsageChunkFilter.MaxHeldBytes)
        {
            var meter = new ChatCompletionsStreamMeter(ApiFormat.ChatCompletions, 0, namesUsageOnlyEvents: true);
            return new Pair(meter, new UsageChunkFilter(meter, maxHeldBytes));
        }

        /// <summary>The meter sees a chunk first, then the filter, as in the proxy; returns what the filter wrote.</summary>
        public int Pass(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
        {
            Meter.Observe(chunk);
            return Filter.Filter(chunk, output);
        }
    }

    private static string Filter(string input, IEnumerable<int> splits, Pair? pair = null)
    {
        pair ??= Pair.Of();
        var bytes = Encoding.UTF8.GetBytes(input);
        var output = new ArrayBufferWriter<byte>();
        var start = 0;
        var reported = 0;
        foreach (var split in splits.Append(bytes.Length))
        {
            reported += pair.Pass(bytes.AsSpan(start, split - start), output);
            start = split;
        }

        reported += pair.Filter.Flush(output);
        Assert.Equal(output.WrittenCount, reported);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static IEnumerable<int> Every(int step, string input) =>
        Enumerable.Range(1, Encoding.UTF8.GetByteCount(input) / step).Select(i => i * step);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Filter_SplitAtEveryOffset_DropsUsageChunkAndKeepsEveryOtherByte(string lineEnd)
    {
        string Ends(string s) => s.Replace("\n", lineEnd, StringComparison.Ordinal);
        var input = Ends(": OPENROUTER PROCESSING\n\n" + Content + Content + Finish + UsageOnly + Done);
        var expected = Ends(": OPENROUTER PROCESSING\n\n" + Content + Content + Finish + Done);
        var length = Encoding.UTF8.GetByteCount(input);

        for (var split = 0; split <= length; split++)
        {
            Assert.Equal(expected, Filter(input, [split]));
        }

        Assert.Equal(expected, Filter(input, Every(1, input)));
        Assert.Equal(expected, Filter(input, Every(7, input)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public void Filter_UsageChunkWithNullOrAbsentChoices_IsDropped(string? choices)
    {
        var usageChunk = choices is null
            ? Data($$$"""{"id":"{{{ChatId}}}","object":"chat.completion.chunk","usage":{{{ChatUsageJson}}}}""")
            : Data(ChatChunk(choices, ChatUsageJson));
        var pair = Pair.Of();

        Assert.Equal(Content + Done, Filter(Content + usageChunk + Done, Every(7, Content + usageChunk), pair));
        Assert.Equal(1, pair.Filter.DroppedEventCount);
        Assert.False(pair.Meter.Complete(endedNormally: true).Estimated);
    }

    [Fact]
    public void Filter_UsageOnChunkWithChoices_PassesThrough()
    {
        // Usage riding on a chunk with content belongs to the client's stream (BerriAI/litellm#36168).
        var input = Data(ChatChunk("""[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}]""", ChatUsageJson)) + Done;

        Assert.Equal(input, Filter(input, Every(5, input)));
    }

    [Fact]
    public void Filter_OrdinaryChunksWithUsageNull_PassUnchanged()
    {
        var input = Content + Finish + Data("""{"choices":[],"usage":null}""") + Done;

        Assert.Equal(input, Filter(input, Every(3, input)));
    }

    [Fact]
    public void Filter_CompleteEventsLeaveAtOnce_OnlyTheIncompleteOneIsHeld()
    {
        var pair = Pair.Of();
        var output = new ArrayBufferWriter<byte>();
        var partial = Encoding.UTF8.GetBytes(Content + Content[..20]);

        var written = pair.Pass(partial, output);

        Assert.Equal(Encoding.UTF8.GetByteCount(Content), written);
        Assert.Equal(Content, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Filter_BlankLineEndingInCr_WaitsForPossibleLfBeforeDropping()
    {
        var usage = UsageOnly.Replace("\n", "\r\n", StringComparison.Ordinal);
        var input = usage + "data: next\r\n\r\n";
        var splitAfterCr = Encoding.UTF8.GetByteCount(usage) - 1;

        Assert.Equal("data: next\r\n\r\n", Filter(input, [splitAfterCr]));
    }

    [Fact]
    public void Flush_UnterminatedUsageOnlyChunk_IsDropped()
    {
        var input = Content + UsageOnly.TrimEnd('\n');

        Assert.Equal(Content, Filter(input, Every(7, input)));
    }

    [Fact]
    public void Flush_UnterminatedOrdinaryEvent_IsWritten()
    {
        var input = Content + "data: {\"choices\":[{\"delta\":{\"content\":\"cut";

        Assert.Equal(input, Filter(input, Every(7, input)));
    }

    [Fact]
    public void Filter_EventLongerThanCap_StreamsThroughUnchanged()
    {
        var pair = Pair.Of(maxHeldBytes: 64);
        var input = Content + UsageOnly + Done;

        // Content and UsageOnly exceed the cap, so neither can be held back to be dropped; both pass, in order.
        Assert.Equal(input, Filter(input, Every(16, input), pair));
        Assert.Equal(0, pair.Filter.DroppedEventCount);
    }

    [Fact]
    public void Filter_EventLongerThanCapBeforeTheUsageChunk_StillDropsTheRightEvent()
    {
        // A long event streams through; counting goes on, so the usage-only chunk after it is still the one dropped.
        var pair = Pair.Of(maxHeldBytes: 512);
        var longContent = Data(ChatChunk($$$"""[{"index":0,"delta":{"content":"{{{new string('x', 700)}}}"},"finish_reason":null}]""", "null"));
        var input = longContent + Content + UsageOnly + Done;

        Assert.Equal(longContent + Content + Done, Filter(input, Every(50, input), pair));
        Assert.Equal(1, pair.Filter.DroppedEventCount);
    }

    [Fact]
    public void Filter_MalformedJsonEvent_PassesThrough()
    {
        var input = Data("""{"choices":[],"usage":{"prompt_tokens":""") + Done;

        Assert.Equal(input, Filter(input, Every(4, input)));
    }

    [Fact]
    public void Filter_CommentAndDatalessEvents_CountAsTheMetersReaderCountsThem()
    {
        // Blank lines end events with no data too; both sides count them, so numbers stay aligned.
        var input = ": keep-alive\n\n" + "event: ping\n\n" + "\n\n" + Content + UsageOnly + Done;

        Assert.Equal(": keep-alive\n\n" + "event: ping\n\n" + "\n\n" + Content + Done, Filter(input, Every(3, input)));
    }
}
