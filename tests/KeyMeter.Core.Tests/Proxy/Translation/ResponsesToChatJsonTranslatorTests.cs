using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Tests.Metering;
using static KeyMeter.Core.Tests.Proxy.Translation.ResponsesStreamFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation;

public sealed class ResponsesToChatJsonTranslatorTests
{
    private const string Reasoning =
        """{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"secret plan"}],"content":[{"type":"output_text","text":"not shown"}]}""";

    private static (ResponsesTranslationOutcome Outcome, string Json) Translate(string body)
    {
        var output = new ArrayBufferWriter<byte>();
        var outcome = ResponsesToChatJsonTranslator.Translate(Encoding.UTF8.GetBytes(body), output);
        return (outcome, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static string Completion(string message, string finishReason, string usage = ChatUsageJson) =>
        $$$"""{"id":"{{{Id}}}","object":"chat.completion","created":{{{CreatedAt}}},"model":"{{{Model}}}","choices":[{"index":0,"message":{{{message}}},"finish_reason":"{{{finishReason}}}"}],"usage":{{{usage}}}}""";

    [Fact]
    public void Translate_TextOnlyPrettyPrinted_ChatCompletionWithMappedUsage()
    {
        var (outcome, json) = Translate(MeteringFixtures.ResponsesJson);

        Assert.Equal(ResponsesTranslationOutcome.Translated, outcome);
        Assert.Equal(Completion("""{"role":"assistant","content":"Hello there! How can I help?","refusal":null}""", "stop"), json);
    }

    [Fact]
    public void Translate_TextPartsAndToolCalls_JoinsTextAndListsCallsInOrder()
    {
        var output = $$$"""
            [{{{Reasoning}}},
             {"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[
               {"type":"output_text","annotations":[],"text":"She said \"hi\" \\ "},
               {"type":"output_text","annotations":[],"text":"😀 caf\u00e9"}]},
             {"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"path\":\"a.cs\"}","call_id":"call_A","name":"read_file"},
             {"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_P","input":"*** Begin Patch\n*** End Patch","name":"ApplyPatch"}]
            """;

        var (outcome, json) = Translate(Response("completed", output, UsageJson));

        Assert.Equal(ResponsesTranslationOutcome.Translated, outcome);
        Assert.Equal(
            Completion(
                """{"role":"assistant","content":"She said \"hi\" \\ 😀 caf\u00e9","refusal":null,"tool_calls":[{"id":"call_A","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a.cs\"}"}},{"id":"call_P","type":"function","function":{"name":"ApplyPatch","arguments":"*** Begin Patch\n*** End Patch"}}]}""",
                "tool_calls"),
            json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("She said \"hi\" \\ 😀 café", document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void Translate_OnlyAToolCall_ContentNull()
    {
        var (_, json) = Translate(Response("completed", """[{"id":"fc_1","type":"function_call","arguments":"{}","call_id":"call_A","name":"ls"}]""", UsageJson));

        Assert.Equal(
            Completion("""{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_A","type":"function","function":{"name":"ls","arguments":"{}"}}]}""", "tool_calls"),
            json);
    }

    [Fact]
    public void Translate_Refusal_MessageRefusal()
    {
        var (_, json) = Translate(Response("completed", """[{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"refusal","refusal":"I can't help with that."}]}]""", UsageJson));

        Assert.Equal(Completion("""{"role":"assistant","content":"","refusal":"I can't help with that."}""", "stop"), json);
    }

    [Theory]
    [InlineData("max_output_tokens", "length")]
    [InlineData("content_filter", "content_filter")]
    public void Translate_Incomplete_FinishReasonFromReason(string reason, string finishReason)
    {
        var output = """[{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"output_text","text":"Partial"}]}]""";

        var (_, json) = Translate(Response("incomplete", output, UsageJson, incompleteDetails: "{\"reason\":\"" + reason + "\"}"));

        Assert.Equal(Completion("""{"role":"assistant","content":"Partial","refusal":null}""", finishReason), json);
    }

    [Fact]
    public void Translate_Failed_OpenAIErrorObject()
    {
        var (outcome, json) = Translate(Response("failed", "[]", "null", error: FailedErrorJson));

        Assert.Equal(ResponsesTranslationOutcome.Failed, outcome);
        Assert.Equal("""{"error":{"message":"The model \"gpt-5\" failed to respond.","type":"server_error","param":null,"code":"server_error"}}""", json);
    }

    [Fact]
    public void Translate_WithoutUsage_NoUsageMember()
    {
        var (_, json) = Translate(Response("completed", "[]", "null"));

        Assert.Equal(
            $$$"""{"id":"{{{Id}}}","object":"chat.completion","created":{{{CreatedAt}}},"model":"{{{Model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"","refusal":null},"finish_reason":"stop"}]}""",
            json);
    }

    [Fact]
    public void Translate_ErrorBody_CopiedAsFailed()
    {
        const string Body = """{"error":{"message":"Invalid 'input[0].content': \"x\".","type":"invalid_request_error","param":"input","code":null}}""";

        var (outcome, json) = Translate(Body);

        Assert.Equal(ResponsesTranslationOutcome.Failed, outcome);
        Assert.Equal(Body, json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"id":"resp_1","output":[""")]
    [InlineData("""{"object":"list","data":[]}""")]
    [InlineData("""{"id":"resp_1"} trailing""")]
    public void Translate_NotAResponseObject_Malformed(string body) =>
        Assert.Equal(ResponsesTranslationOutcome.Malformed, Translate(body).Outcome);
}
