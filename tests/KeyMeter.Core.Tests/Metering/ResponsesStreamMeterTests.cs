using KeyMeter.Core.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Metering;

public sealed class ResponsesStreamMeterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MeterRunner.Whole)]
    public void Complete_ResponseCompleted_NormalisesCachedAndKeepsReasoning(int chunkSize)
    {
        var reading = MeterRunner.Run(new ResponsesStreamMeter(0), ResponsesStream, chunkSize);

        Assert.Equal(new TokenUsage(2000, 8000, 0, 0, 300, 256), reading.Usage);
        Assert.Equal(ResponsesModel, reading.Model);
        Assert.Equal(ResponsesId, reading.ProviderRequestId);
        Assert.False(reading.Estimated);
    }

    [Theory]
    [InlineData("response.incomplete", "incomplete")]
    [InlineData("response.failed", "failed")]
    public void Complete_IncompleteOrFailedWithUsage_ReadsUsage(string type, string status)
    {
        var reading = MeterRunner.Run(new ResponsesStreamMeter(0), ResponsesStreamBody + ResponsesTerminal(type, status), 7);

        Assert.Equal(ResponsesUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_WithoutEventLines_UsesPayloadType()
    {
        var stream = ResponsesStream.Replace("event: ", ": was event ", StringComparison.Ordinal);

        var reading = MeterRunner.Run(new ResponsesStreamMeter(0), stream, 7);

        Assert.Equal(ResponsesUsage, reading.Usage);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public void Complete_AbortedAfterTextDone_CountsOnlyDeltas()
    {
        // The .done events repeat the whole text; counting them would double the estimate.
        var reading = MeterRunner.Run(new ResponsesStreamMeter(4321), ResponsesStreamBody, 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(4321, 0, 0, 0, (ResponsesStreamBodyTextBytes + 3) / 4, 0), reading.Usage);
        Assert.Equal(ResponsesModel, reading.Model);
    }

    [Fact]
    public void Complete_FunctionCallCut_EstimatesFromArgumentDeltas()
    {
        var reading = MeterRunner.Run(new ResponsesStreamMeter(10), ResponsesFunctionCallAborted, 1, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(new TokenUsage(10, 0, 0, 0, (ResponsesFunctionCallAbortedTextBytes + 3) / 4, 0), reading.Usage);
    }

    [Fact]
    public void Complete_ErrorEvent_Estimates()
    {
        var stream = ResponsesStreamBody
            + Event("error", """{"type":"error","sequence_number":11,"code":"server_error","message":"The server had an error.","param":null}""");

        var reading = MeterRunner.Run(new ResponsesStreamMeter(10), stream, 7);

        Assert.True(reading.Estimated);
        Assert.Equal(10, reading.Usage.InputTokens);
    }

    [Fact]
    public void Complete_AudioDelta_NotCountedAsText()
    {
        var stream = Event("response.audio.delta", """{"type":"response.audio.delta","sequence_number":1,"response_id":"resp_1","delta":"UklGRiQAAABXQVZFZm10IBAAAAABAAEA"}""");

        var reading = MeterRunner.Run(new ResponsesStreamMeter(0), stream, 7, endedNormally: false);

        Assert.Equal(0, reading.Usage.OutputTokens);
    }
}
