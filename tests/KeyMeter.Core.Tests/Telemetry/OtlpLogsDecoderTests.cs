using System.Text;
using KeyMeter.Core.Telemetry;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Telemetry;

public sealed class OtlpLogsDecoderTests
{
    private static OtlpLogsBatch Json(string json) => OtlpLogsDecoder.Decode(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json);

    [Fact]
    public void Decode_ClaudeCodeJson_EventsWithNamesServiceAndTypedAttributes()
    {
        var batch = Json(AgentExports.ClaudeCodeJson());

        Assert.Null(batch.Error);
        Assert.Equal(["user_prompt", "api_request"], batch.Events.Select(e => e.Name));
        var call = batch.Events[1];
        Assert.Equal("claude-code", call.ServiceName);
        Assert.Equal(new DateTimeOffset(2025, 12, 3, 9, 0, 0, TimeSpan.Zero), call.Time);
        Assert.Equal(1200, call.Attributes.Count("input_tokens"));
        Assert.Equal(0.0123m, call.Attributes.Amount("cost_usd"));
        Assert.Equal("2.0.14", call.Attributes.Text("service.version"));
    }

    [Fact]
    public void Decode_Protobuf_SameModelAsJson()
    {
        var batch = OtlpLogsDecoder.Decode(AgentExports.GeminiProtobuf(), OtlpEncoding.Protobuf);

        Assert.Null(batch.Error);
        var single = Assert.Single(batch.Events);
        Assert.Equal("gemini_cli.api_response", single.Name);
        Assert.Equal("gemini-cli", single.ServiceName);
        Assert.Equal(10_000, single.Attributes.Count("input_token_count"));
    }

    [Fact]
    public void Decode_ProtoFieldNamesAndNumericTimes_Accepted()
    {
        var batch = Json("""{"resource_logs":[{"scope_logs":[{"log_records":[{"time_unix_nano":1764752400000000000,"event_name":"x","attributes":[{"key":"n","value":{"int_value":5}}]}]}]}]}""");

        Assert.Null(batch.Error);
        Assert.Equal(5, Assert.Single(batch.Events).Attributes.Count("n"));
    }

    [Fact]
    public void Decode_LongValues_NotKept()
    {
        var prompt = new string('p', OtlpLogsDecoder.MaxValueLength + 1);
        var batch = Json($$$"""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","attributes":[{"key":"prompt","value":{"stringValue":"{{{prompt}}}"}}]}]}]}]}""");

        Assert.Null(Assert.Single(batch.Events).Attributes.Text("prompt"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"resourceLogs":{}}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[{"value":{"stringValue":"no key"}}]}]}]}]}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[{"key":"n","value":{"intValue":"1.5"}}]}]}]}]}""")]
    public void Decode_MalformedJson_UnreadableWithAReason(string json)
    {
        var batch = Json(json);

        Assert.NotNull(batch.Error);
        Assert.Empty(batch.Events);
    }

    [Fact]
    public void Decode_MalformedProtobuf_UnreadableWithAReason()
    {
        var batch = OtlpLogsDecoder.Decode(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01 }, OtlpEncoding.Protobuf);

        Assert.NotNull(batch.Error);
        Assert.Empty(batch.Events);
    }
}
