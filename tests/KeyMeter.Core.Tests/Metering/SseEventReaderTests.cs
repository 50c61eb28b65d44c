using System.Text;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

public sealed class SseEventReaderTests
{
    private const string Stream =
        ": keep-alive comment\n"
        + "event: message_start\ndata: {\"a\":1}\n\n"
        + "data: first line\ndata: second line\n\n"
        + "id: 7\nretry: 1000\ndata:no-space\n\n"
        + "event: ping\ndata: {\"type\": \"ping\"}\n\n";

    private static readonly string[] Expected =
    [
        "message_start|{\"a\":1}",
        "|first line\nsecond line",
        "|no-space",
        "ping|{\"type\": \"ping\"}",
    ];

    private static List<string> Read(byte[] bytes, IEnumerable<int> splits, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
    {
        var handler = new RecordingSseHandler();
        var reader = new SseEventReader(handler, maxEventBytes);
        var start = 0;
        foreach (var split in splits.Append(bytes.Length))
        {
            reader.Append(bytes.AsSpan(start, split - start));
            start = split;
        }

        reader.Complete(dispatchUnterminated: false);
        return handler.Events;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Append_SplitAtEveryOffset_YieldsSameEvents(string lineEnd)
    {
        var bytes = Encoding.UTF8.GetBytes(Stream.Replace("\n", lineEnd, StringComparison.Ordinal));

        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(Expected, Read(bytes, [split]));
        }

        Assert.Equal(Expected, Read(bytes, Enumerable.Range(1, bytes.Length - 1)));
    }

    [Fact]
    public void Append_CrLfSplitBetweenCrAndLf_DoesNotEndEventEarly()
    {
        var bytes = Encoding.UTF8.GetBytes("data: a\r\ndata: b\r\n\r\n");
        var crOffsets = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'\r').Select(i => i + 1);

        Assert.Equal(["|a\nb"], Read(bytes, crOffsets));
    }

    [Fact]
    public void Append_OneSpaceAfterColonIsDropped_FurtherSpacesKept()
    {
        Assert.Equal(["|  x"], Read(Encoding.UTF8.GetBytes("data:   x\n\n"), []));
    }

    [Fact]
    public void Append_FieldWithoutColon_IsEmptyDataLine()
    {
        Assert.Equal(["|\nx"], Read(Encoding.UTF8.GetBytes("data\ndata: x\n\n"), []));
    }

    [Fact]
    public void Append_EventWithoutData_IsNotDispatched()
    {
        Assert.Equal(["|x"], Read(Encoding.UTF8.GetBytes("event: nothing\n\n: comment\n\ndata: x\n\n"), []));
    }

    [Fact]
    public void Append_EventNameDoesNotCarryOverToNextEvent()
    {
        Assert.Equal(["first|1", "|2"], Read(Encoding.UTF8.GetBytes("event: first\ndata: 1\n\ndata: 2\n\n"), []));
    }

    [Fact]
    public void Append_LeadingByteOrderMark_IsIgnored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("data: x\n\n")).ToArray();

        Assert.Equal(["|x"], Read(bytes, [1]));
    }

    [Fact]
    public void Append_EventOverCap_IsSkippedAndCounted()
    {
        var handler = new RecordingSseHandler();
        var reader = new SseEventReader(handler, maxEventBytes: 16);
        var bytes = Encoding.UTF8.GetBytes("data: 0123456789\ndata: 0123456789\n\ndata: small\n\n");

        foreach (var chunk in MeterRunner.Chunks(bytes, 5))
        {
            reader.Append(chunk.Span);
        }

        Assert.Equal(["|small"], handler.Events);
        Assert.Equal(1, reader.SkippedEventCount);
    }

    [Fact]
    public void Append_EventExactlyAtCap_IsDelivered()
    {
        var handler = new RecordingSseHandler();
        var reader = new SseEventReader(handler, maxEventBytes: 10);

        reader.Append(Encoding.UTF8.GetBytes("data: 0123456789\n\n"));

        Assert.Equal(["|0123456789"], handler.Events);
        Assert.Equal(0, reader.SkippedEventCount);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Complete_UnterminatedEvent_DispatchedOnlyWhenAsked(bool dispatch, int expectedEvents)
    {
        var handler = new RecordingSseHandler();
        var reader = new SseEventReader(handler);
        reader.Append(Encoding.UTF8.GetBytes("data: {\"done\":true}"));

        reader.Complete(dispatch);

        Assert.Equal(expectedEvents, handler.Events.Count);
    }

    [Fact]
    public void Complete_ThenAppend_StartsOver()
    {
        var handler = new RecordingSseHandler();
        var reader = new SseEventReader(handler);
        reader.Append(Encoding.UTF8.GetBytes("event: stale\ndata: cut"));
        reader.Complete(dispatchUnterminated: false);

        reader.Append(Encoding.UTF8.GetBytes("data: fresh\n\n"));

        Assert.Equal(["|fresh"], handler.Events);
    }
}
