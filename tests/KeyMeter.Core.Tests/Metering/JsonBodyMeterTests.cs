using KeyMeter.Core.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Metering;

public sealed class JsonBodyMeterTests
{
    [Fact]
    public void Complete_NestedObjectNamedUsage_IsNotTheUsage()
    {
        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.Responses, 0), ResponsesJson, 7);

        Assert.Equal(ResponsesUsage, reading.Usage);
        Assert.Equal(ResponsesId, reading.ProviderRequestId);
    }

    [Fact]
    public void Complete_AnthropicBody_ReadsIdAndCacheWrites()
    {
        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.AnthropicMessages, 0), AnthropicJson, 1);

        Assert.Equal(new TokenUsage(2095, 0, 2048, 0, 503, 0), reading.Usage);
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", reading.ProviderRequestId);
    }

    [Fact]
    public void Complete_BodyWithoutUsage_EstimatesFromGeneratedText()
    {
        var body = """{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"0123456789","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},"finish_reason":"stop"}]}""";

        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.ChatCompletions, 40), body, 7);

        // content 10 bytes + arguments 9 bytes as written = 19 bytes ≈ 5 tokens.
        Assert.Equal(new TokenUsage(40, 0, 0, 0, 5, 0), reading.Usage);
        Assert.True(reading.Estimated);
        Assert.Equal("gpt-4o", reading.Model);
    }

    [Fact]
    public void Complete_UsageObjectCutOff_IsNotTakenAsExact()
    {
        var cut = ChatJson[..(ChatJson.IndexOf("\"completion_tokens\"", StringComparison.Ordinal) + 5)];

        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.ChatCompletions, 40), cut, 7, endedNormally: false);

        Assert.True(reading.Estimated);
        Assert.Equal(40, reading.Usage.InputTokens);
    }

    [Fact]
    public void Complete_TokenLongerThanCap_StopsScanningAndEstimatesFromBytes()
    {
        var body = $$$"""{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"{{{new string('x', 400)}}}"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.ChatCompletions, 40, maxPendingBytes: 64), body, 16);

        Assert.True(reading.Estimated);
        Assert.True(reading.Usage.OutputTokens >= 100);
    }

    [Fact]
    public void Complete_NotJson_EstimatesWithoutThrowing()
    {
        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.ChatCompletions, 40), "<html><body>502 Bad Gateway</body></html>", 7);

        Assert.True(reading.Estimated);
        Assert.Equal(40, reading.Usage.InputTokens);
    }

    [Fact]
    public void Complete_EmbeddingsWithoutUsage_EstimatesNoOutput()
    {
        var reading = MeterRunner.Run(new JsonBodyMeter(ApiFormat.Embeddings, 12), """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}]}""", 7);

        Assert.Equal(new TokenUsage(12, 0, 0, 0, 0, 0), reading.Usage);
        Assert.True(reading.Estimated);
    }
}
