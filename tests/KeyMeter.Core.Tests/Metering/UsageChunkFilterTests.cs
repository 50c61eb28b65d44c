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

    private static string Filter(string input, IEnumerable<int> splits, UsageChunkFilter? filter = null)
    {
        filter ??= new UsageChunkFilter();
        var bytes = Encoding.UTF8.GetBytes(input);
        var output = new ArrayBufferWriter<byte>();
        var start = 0;
        var reported = 0;
        foreach (var split in splits.Append(bytes.Length))
        {
            reported += filter.Filter(bytes.AsSpan(start, split - start), output);
            start = split;
        }

        reported += filter.Flush(output);
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
        var filter = new UsageChunkFilter();

        Assert.Equal(Content + Done, Filter(Content + usageChunk + Done, Every(7, Content + usageChunk), filter));
        Assert.Equal(1, filter.DroppedEventCount);
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
        var filter = new UsageChunkFilter();
        var output = new ArrayBufferWriter<byte>();
        var partial = Encoding.UTF8.GetBytes(Content + Content[..20]);

        var written = filter.Filter(partial, output);

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
        var filter = new UsageChunkFilter(maxEventBytes: 64);
        var input = Content + UsageOnly + Done;

        // Content and UsageOnly exceed the cap, so neither can be inspected; both pass.
        Assert.Equal(input, Filter(input, Every(16, input), filter));
        Assert.Equal(0, filter.DroppedEventCount);
    }

    [Fact]
    public void Filter_MalformedJsonEvent_PassesThrough()
    {
        var input = Data("""{"choices":[],"usage":{"prompt_tokens":""") + Done;

        Assert.Equal(input, Filter(input, Every(4, input)));
    }

    [Fact]
    public void Flush_ThenNextStream_StartsClean()
    {
        var filter = new UsageChunkFilter();
        Filter(Content + "data: {\"cho", [], filter);

        Assert.Equal(Content + Done, Filter(Content + UsageOnly + Done, [], filter));
    }
}
