using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy.Translation.Messages;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

public sealed class MessagesToChatJsonTests
{
    private const long Created = 1761230400;

    private const string Usage =
        """{"input_tokens":2095,"cache_creation_input_tokens":2048,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":2048,"ephemeral_1h_input_tokens":0},"output_tokens":503,"service_tier":"standard"}""";

    private static (MessagesTranslationOutcome Outcome, JsonElement Json) Translate(string body)
    {
        var output = new ArrayBufferWriter<byte>();
        var outcome = MessagesToChatJson.Translate(Encoding.UTF8.GetBytes(body), Created, output);
        if (outcome == MessagesTranslationOutcome.Malformed)
        {
            return (outcome, default);
        }

        using var document = JsonDocument.Parse(output.WrittenMemory);
        return (outcome, document.RootElement.Clone());
    }

    private static string Message(string content, string stopReason = "\"end_turn\"", string usage = Usage) =>
        $$$"""{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-opus-4-1-20250805","content":{{{content}}},"stop_reason":{{{stopReason}}},"stop_sequence":null,"usage":{{{usage}}}}""";

    [Fact]
    public void Translate_Text_ChatCompletionWithTextJoinedAndThinkingDropped()
    {
        var (outcome, json) = Translate(Message("""
            [{"type":"thinking","thinking":"The user greets me.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
             {"type":"text","text":"Hi! She said \"hi\" \\ "},
             {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
             {"type":"text","text":"caf\u00e9 😀"}]
            """));

        Assert.Equal(MessagesTranslationOutcome.Translated, outcome);
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", json.GetProperty("id").GetString());
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal(Created, json.GetProperty("created").GetInt64());
        Assert.Equal("claude-opus-4-1-20250805", json.GetProperty("model").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hi! She said \"hi\" \\ café 😀", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.DoesNotContain("greets", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_Usage_PromptTokensSumInputAndCacheReadsAndWrites()
    {
        var usage = Translate(Message("""[{"type":"text","text":"Hi"}]""")).Json.GetProperty("usage");

        Assert.Equal(2095 + 12000 + 2048, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(503, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(2095 + 12000 + 2048 + 503, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(12000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(2048, usage.GetProperty("prompt_tokens_details").GetProperty("cache_creation_input_tokens").GetInt64());
    }

    [Fact]
    public void Translate_UsageWithoutCacheMembers_CountsOnlyInput()
    {
        var usage = Translate(Message("""[{"type":"text","text":"Hi"}]""", usage: """{"input_tokens":25,"output_tokens":7}""")).Json.GetProperty("usage");

        Assert.Equal(25, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(32, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
    }

    [Fact]
    public void Translate_ToolCalls_ContentNullAndArgumentsTheInputAsAJsonString()
    {
        var (_, json) = Translate(Message("""
            [{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"read_file","input":{"path":"src/a.cs","range":[1,20],"note":"caf\u00e9 \"x\""}},
             {"type":"tool_use","id":"toolu_01B","name":"ls","input":{}}]
            """, "\"tool_use\""));

        var message = json.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var calls = message.GetProperty("tool_calls");
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", calls[0].GetProperty("id").GetString());
        Assert.Equal("function", calls[0].GetProperty("type").GetString());
        Assert.Equal("read_file", calls[0].GetProperty("function").GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(calls[0].GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("src/a.cs", arguments.RootElement.GetProperty("path").GetString());
        Assert.Equal(20, arguments.RootElement.GetProperty("range")[1].GetInt32());
        Assert.Equal("café \"x\"", arguments.RootElement.GetProperty("note").GetString());
        Assert.Equal("{}", calls[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Translate_TextAndToolCall_BothKept()
    {
        var message = Translate(Message("""[{"type":"text","text":"Let me read it."},{"type":"tool_use","id":"toolu_1","name":"ls","input":{}}]""", "\"tool_use\""))
            .Json.GetProperty("choices")[0].GetProperty("message");

        Assert.Equal("Let me read it.", message.GetProperty("content").GetString());
        Assert.Equal(1, message.GetProperty("tool_calls").GetArrayLength());
    }

    [Theory]
    [InlineData("\"end_turn\"", "stop")]
    [InlineData("\"stop_sequence\"", "stop")]
    [InlineData("\"pause_turn\"", "stop")]
    [InlineData("\"max_tokens\"", "length")]
    [InlineData("\"model_context_window_exceeded\"", "length")]
    [InlineData("\"tool_use\"", "tool_calls")]
    [InlineData("\"refusal\"", "content_filter")]
    [InlineData("\"something_new\"", "stop")]
    [InlineData("null", "stop")]
    public void Translate_EveryStopReason_MappedFinishReason(string stopReason, string finishReason) =>
        Assert.Equal(finishReason, Translate(Message("""[{"type":"text","text":"x"}]""", stopReason)).Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());

    [Fact]
    public void Translate_NoContent_EmptyString() =>
        Assert.Equal(string.Empty, Translate(Message("[]", "\"max_tokens\"")).Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());

    [Fact]
    public void Translate_ErrorBody_OpenAIErrorObject()
    {
        var (outcome, json) = Translate("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");

        Assert.Equal(MessagesTranslationOutcome.Failed, outcome);
        Assert.Equal("""{"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}""", json.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"type":"message","content":[]}""")]
    [InlineData("""{"id":"msg_1","type":"message"} trailing""")]
    [InlineData("""{"id":"msg_1","content":[{"type":"text","text":"cut""")]
    public void Translate_NotAMessage_Malformed(string body) => Assert.Equal(MessagesTranslationOutcome.Malformed, Translate(body).Outcome);
}
