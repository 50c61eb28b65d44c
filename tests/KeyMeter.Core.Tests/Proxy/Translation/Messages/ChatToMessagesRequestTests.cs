using System.Text.Json;
using static KeyMeter.Core.Tests.Proxy.Translation.Messages.ChatToMessagesFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

public sealed class ChatToMessagesRequestTests
{
    [Fact]
    public void Translate_ParallelToolCallsRoundTrip_OneAssistantTurnWithTwoToolUsesThenOneUserTurnWithTwoResults()
    {
        var chat = Request("""
            [
              {"role":"system","content":"You are a coding agent."},
              {"role":"user","content":"Read a.cs and b.cs"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_A","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a.cs\"}"}},
                {"id":"call_B","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"b.cs\",\"lines\":[1,20]}"}}]},
              {"role":"tool","tool_call_id":"call_A","content":"class A {}"},
              {"role":"tool","tool_call_id":"call_B","content":[{"type":"text","text":"class B {}"}]},
              {"role":"assistant","content":"Both are empty classes."},
              {"role":"user","content":"Thanks"}
            ]
            """, "\"tools\":" + """[{"type":"function","function":{"name":"read_file","description":"Reads a file","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]},"strict":true}}]""");

        var body = Body(chat);

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var toolUses = messages[1].GetProperty("content");
        Assert.Equal(2, toolUses.GetArrayLength());
        Assert.All(toolUses.EnumerateArray(), b => Assert.Equal("tool_use", b.GetProperty("type").GetString()));
        Assert.Equal("call_A", toolUses[0].GetProperty("id").GetString());
        Assert.Equal("read_file", toolUses[0].GetProperty("name").GetString());
        Assert.Equal("a.cs", toolUses[0].GetProperty("input").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Object, toolUses[1].GetProperty("input").ValueKind);
        Assert.Equal(20, toolUses[1].GetProperty("input").GetProperty("lines")[1].GetInt32());
        var results = messages[2].GetProperty("content");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("tool_result", results[0].GetProperty("type").GetString());
        Assert.Equal("call_A", results[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("class A {}", results[0].GetProperty("content").GetString());
        Assert.Equal("call_B", results[1].GetProperty("tool_use_id").GetString());
        Assert.Equal("class B {}", results[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("You are a coding agent.", body.GetProperty("system")[0].GetProperty("text").GetString());
        var tool = body.GetProperty("tools")[0];
        Assert.Equal(["name", "description", "input_schema"], Names(tool));
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("path", tool.GetProperty("input_schema").GetProperty("required")[0].GetString());
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void Translate_ToolMessageAfterUserText_MergedIntoTheSameUserTurn()
    {
        var body = Body(Request("""
            [{"role":"user","content":"List files"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"a.cs"},
             {"role":"user","content":"Now read it"}]
            """));

        var last = body.GetProperty("messages")[2].GetProperty("content");
        Assert.Equal(["tool_result", "text"], last.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
    }

    [Fact]
    public void Translate_SystemAndDeveloper_JoinInOrderAndTheUserTurnsAroundThemMerge()
    {
        var body = Body(Request("""
            [{"role":"system","content":"Be brief."},
             {"role":"developer","content":[{"type":"text","text":"Answer in \"English\"."},{"type":"text","text":"No emoji 😀."}]},
             {"role":"user","content":"Hi"},
             {"role":"developer","content":"Late instruction."},
             {"role":"user","content":[{"type":"text","text":"there"}]}]
            """));

        Assert.Equal(
            ["Be brief.", "Answer in \"English\".", "No emoji 😀.", "Late instruction."],
            body.GetProperty("system").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.All(body.GetProperty("system").EnumerateArray(), b => Assert.Equal("text", b.GetProperty("type").GetString()));
        var messages = body.GetProperty("messages");
        Assert.Equal(1, messages.GetArrayLength());
        Assert.Equal(["Hi", "there"], messages[0].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }

    [Fact]
    public void Translate_ImagesBothKinds_Base64SourceAndUrlSource()
    {
        var body = Body(Request("""
            [{"role":"user","content":[
              {"type":"text","text":"Compare these"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo+AAAANSUhEUg==","detail":"high"}},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg?size=large&v=2"}},
              {"type":"image_url","image_url":{"url":"data:image/jpg;base64,/9j/4AAQ"}}]}]
            """));

        var blocks = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(4, blocks.GetArrayLength());
        var base64 = blocks[1];
        Assert.Equal("image", base64.GetProperty("type").GetString());
        Assert.Equal("base64", base64.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("image/png", base64.GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal("iVBORw0KGgo+AAAANSUhEUg==", base64.GetProperty("source").GetProperty("data").GetString());
        Assert.Equal(["type", "media_type", "data"], Names(base64.GetProperty("source")));
        var url = blocks[2];
        Assert.Equal("image", url.GetProperty("type").GetString());
        Assert.Equal("url", url.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("https://example.com/cat.jpg?size=large&v=2", url.GetProperty("source").GetProperty("url").GetString());
        Assert.Equal("image/jpeg", blocks[3].GetProperty("source").GetProperty("media_type").GetString());
    }

    [Fact]
    public void Translate_ImageUrlWithEscapedSlashes_Understood()
    {
        var body = Body(Request("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image\/webp;base64,UklGR\/o="}}]}]"""));

        var source = body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("source");
        Assert.Equal("image/webp", source.GetProperty("media_type").GetString());
        Assert.Equal("UklGR/o=", source.GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("ftp://example.com/cat.png")]
    [InlineData("data:image/png,notbase64")]
    [InlineData("data:image/bmp;base64,Qk0=")]
    [InlineData("data:image/png;base64,ab\\\"cd")]
    public void Translate_UnsupportedImageUrl_400NamingTheUrl(string url)
    {
        var error = Error(Request($$$"""[{"role":"user","content":[{"type":"text","text":"see"},{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]"""));

        Assert.Equal("messages[0].content[1].image_url.url", error.Param);
    }

    [Fact]
    public void Translate_AudioPart_400NamingThePart()
    {
        var error = Error(Request("""[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]"""));

        Assert.Equal("messages[0].content[0]", error.Param);
    }

    public static readonly TheoryData<string, string> ToolChoices = new()
    {
        { "\"auto\"", """{"type":"auto"}""" },
        { "\"none\"", """{"type":"none"}""" },
        { "\"required\"", """{"type":"any"}""" },
        { """{"type":"function","function":{"name":"read_file"}}""", """{"type":"tool","name":"read_file"}""" },

        // Anthropic's own forms, which Cursor sends for Claude models.
        { """{"type":"auto"}""", """{"type":"auto"}""" },
        { """{"type":"any"}""", """{"type":"any"}""" },
        { """{"type":"none"}""", """{"type":"none"}""" },
        { """{"type":"tool","name":"ls"}""", """{"type":"tool","name":"ls"}""" },
    };

    [Fact]
    public void Translate_CacheControlOnParts_PassedOnToTheirBlocks()
    {
        var body = Body(Request(
            """[{"role":"system","content":[{"type":"text","text":"Rules","cache_control":{"type":"ephemeral","ttl":"1h"}},{"type":"text","text":"More"}]},{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]"""));

        Assert.Equal("""{"type":"ephemeral","ttl":"1h"}""", body.GetProperty("system")[0].GetProperty("cache_control").GetRawText());
        Assert.False(body.GetProperty("system")[1].TryGetProperty("cache_control", out _));
        Assert.Equal("""{"type":"ephemeral"}""", body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("cache_control").GetRawText());
    }

    [Fact]
    public void Translate_CacheControlThatIsNotAnObject_Dropped()
    {
        var body = Body(Request("""[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":"yes"}]}]"""));

        Assert.False(body.GetProperty("messages")[0].GetProperty("content")[0].TryGetProperty("cache_control", out _));
    }

    private const string Tools = "\"tools\":" + """[{"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{}}}},{"type":"function","function":{"name":"ls"}}]""";

    [Theory]
    [MemberData(nameof(ToolChoices))]
    public void Translate_ToolChoice_MappedToAnthropicChoice(string toolChoice, string expected)
    {
        var body = Body(Hello($"{Tools},\"tool_choice\":{toolChoice}"));

        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
    }

    [Theory]
    [InlineData("\"auto\"", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"required\"", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("""{"type":"function","function":{"name":"ls"}}""", """{"type":"tool","name":"ls","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", """{"type":"none"}""")]
    [InlineData("null", """{"type":"auto","disable_parallel_tool_use":true}""")]
    public void Translate_ParallelToolCallsFalse_DisablesParallelToolUse(string toolChoice, string expected)
    {
        var body = Body(Hello($"{Tools},\"tool_choice\":{toolChoice},\"parallel_tool_calls\":false"));

        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void Translate_FunctionWithoutParameters_EmptyObjectSchema()
    {
        var body = Body(Hello(Tools));

        Assert.Equal("""{"type":"object","properties":{}}""", body.GetProperty("tools")[1].GetProperty("input_schema").GetRawText());
        Assert.False(body.GetProperty("tools")[1].TryGetProperty("description", out _));
    }

    [Fact]
    public void Translate_ToolChoiceWithoutTools_NotSent()
    {
        var body = Body(Hello("\"tool_choice\":\"none\",\"parallel_tool_calls\":false"));

        Assert.False(body.TryGetProperty("tool_choice", out _));
        Assert.False(body.TryGetProperty("tools", out _));
    }

    [Theory]
    [InlineData("\"tool_choice\":\"sometimes\"", "tool_choice")]
    [InlineData("\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{}}", "tool_choice")]
    [InlineData("\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"ApplyPatch\"}}]", "tools[0].type")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"no name\"}}]", "tools[0].function.name")]
    public void Translate_BadTools_400NamingTheMember(string extra, string param) =>
        Assert.Equal(param, Error(Hello(extra + (extra.Contains("\"tools\"", StringComparison.Ordinal) ? "" : "," + Tools))).Param);

    [Theory]
    [InlineData("\"stop\":\"\\n\\nHuman:\"", """["\n\nHuman:"]""")]
    [InlineData("\"stop\":[\"END\",\"\",\"STOP\"]", """["END","STOP"]""")]
    public void Translate_Stop_StopSequences(string stop, string expected)
    {
        var body = Body(Hello(stop));

        Assert.Equal(
            JsonSerializer.Deserialize<string[]>(expected),
            body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("\"stop\":null")]
    [InlineData("\"stop\":\"\"")]
    [InlineData("\"stop\":[]")]
    public void Translate_NoStop_NoStopSequences(string stop) =>
        Assert.False(Body(Hello(stop)).TryGetProperty("stop_sequences", out _));

    [Fact]
    public void Translate_StopNotStrings_400() => Assert.Equal("stop", Error(Hello("\"stop\":[1]")).Param);

    [Fact]
    public void Translate_NoMaxTokens_TheOutputLimitIsTheDefault()
    {
        var (outcome, body, _) = Translate(Hello(), outputLimit: 32000);

        Assert.Equal(32000, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(32000, outcome.MaxTokens);
    }

    [Theory]
    [InlineData("\"max_tokens\":500", 500)]
    [InlineData("\"max_completion_tokens\":700,\"max_tokens\":500", 700)]
    [InlineData("\"max_completion_tokens\":null,\"max_tokens\":500", 500)]
    [InlineData("\"max_completion_tokens\":200000", OutputLimit)]
    public void Translate_MaxTokens_FromMaxCompletionTokensElseMaxTokensAtMostTheLimit(string extra, int expected) =>
        Assert.Equal(expected, Body(Hello(extra)).GetProperty("max_tokens").GetInt32());

    [Theory]
    [InlineData("\"max_tokens\":0", "max_tokens")]
    [InlineData("\"max_completion_tokens\":1.5", "max_completion_tokens")]
    [InlineData("\"max_completion_tokens\":\"100\"", "max_completion_tokens")]
    public void Translate_BadMaxTokens_400(string extra, string param) => Assert.Equal(param, Error(Hello(extra)).Param);

    [Theory]
    [InlineData("minimal", 1024)]
    [InlineData("low", 4096)]
    [InlineData("medium", 12288)]
    [InlineData("high", 24576)]
    public void Translate_ReasoningEffort_ThinkingWithTemperatureAndTopPDropped(string effort, int budget)
    {
        var (outcome, body, _) = Translate(Hello($"\"reasoning_effort\":\"{effort}\",\"temperature\":0.2,\"top_p\":0.9,\"max_completion_tokens\":30000"));

        Assert.Equal($$$"""{"type":"enabled","budget_tokens":{{{budget}}}}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal(30000, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        Assert.Equal(budget, outcome.ThinkingBudgetTokens);
    }

    [Fact]
    public void Translate_BudgetAboveMaxTokens_MaxTokensRaisedByTheBudget()
    {
        var (outcome, body, _) = Translate(Hello("\"reasoning_effort\":\"low\",\"max_tokens\":1000"));

        Assert.Equal(4096 + 1000, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(4096, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal(5096, outcome.MaxTokens);
    }

    [Fact]
    public void Translate_RaisedMaxTokens_NeverAboveTheOutputLimit()
    {
        var body = Body(Hello("\"reasoning_effort\":\"high\",\"max_tokens\":20000"), outputLimit: 32000);

        Assert.Equal(32000, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(24576, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void Translate_BudgetCannotFit_NoThinkingAndTemperatureKept()
    {
        var (outcome, body, _) = Translate(Hello("\"reasoning_effort\":\"high\",\"temperature\":0.3"), outputLimit: 8192);

        Assert.False(body.TryGetProperty("thinking", out _));
        Assert.Equal(8192, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0, outcome.ThinkingBudgetTokens);
    }

    [Fact]
    public void Translate_ReasoningEffortNone_NoThinking() =>
        Assert.False(Body(Hello("\"reasoning_effort\":\"none\"")).TryGetProperty("thinking", out _));

    [Fact]
    public void Translate_ReasoningEffortUnknown_400() =>
        Assert.Equal("reasoning_effort", Error(Hello("\"reasoning_effort\":\"maximum\"")).Param);

    [Fact]
    public void Translate_ReasoningWithForcedTool_NoThinking() =>
        Assert.False(Body(Hello($"{Tools},\"tool_choice\":\"required\",\"reasoning_effort\":\"low\"")).TryGetProperty("thinking", out _));

    [Fact]
    public void Translate_ReasoningWhileTheLastAssistantTurnCalledTools_NoThinking()
    {
        var body = Body(Request("""
            [{"role":"user","content":"ls"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"a.cs"}]
            """, "\"reasoning_effort\":\"medium\""));

        Assert.False(body.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Translate_SamplingWithoutThinking_TemperatureClampedTopPOnlyAlone()
    {
        var both = Body(Hello("\"temperature\":1.6,\"top_p\":0.5"));
        var topP = Body(Hello("\"top_p\":0.5"));

        Assert.Equal(1, both.GetProperty("temperature").GetDouble());
        Assert.False(both.TryGetProperty("top_p", out _));
        Assert.Equal(0.5, topP.GetProperty("top_p").GetDouble());
    }

    [Theory]
    [InlineData("\"n\":2", "n")]
    [InlineData("\"n\":0", "n")]
    [InlineData("\"logprobs\":true", "logprobs")]
    [InlineData("\"top_logprobs\":5", "top_logprobs")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}}", "response_format")]
    [InlineData("\"response_format\":{\"type\":\"json_object\"}", "response_format")]
    [InlineData("\"modalities\":[\"text\",\"audio\"]", "modalities")]
    [InlineData("\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}", "audio")]
    [InlineData("\"functions\":[{\"name\":\"f\"}]", "functions")]
    [InlineData("\"web_search_options\":{}", "web_search_options")]
    public void Translate_MemberAnthropicCannotHonour_400WithAClearMessage(string extra, string param)
    {
        var error = Error(Hello(extra));

        Assert.Equal(param, error.Param);
        Assert.Contains("Anthropic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_HarmlessMembers_Dropped()
    {
        var body = Body(Hello("""
            "n":1,"logprobs":false,"top_logprobs":null,"response_format":{"type":"text"},"modalities":["text"],"seed":42,
            "frequency_penalty":0.5,"presence_penalty":0.1,"logit_bias":{"50256":-100},"store":true,
            "metadata":{"team":"a"},"service_tier":"auto","prediction":null,"stream_options":{"include_usage":true},"audio":null
            """));

        Assert.Equal(["messages", "model", "max_tokens"], Names(body));
    }

    [Fact]
    public void Translate_StreamAndIncludeUsage_ReturnedAndStreamSent()
    {
        var (streamed, body, _) = Translate(Hello("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        var (plain, plainBody, _) = Translate(Hello("\"stream\":false"));

        Assert.True(streamed.Stream);
        Assert.True(streamed.IncludeUsage);
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.False(plain.Stream);
        Assert.False(plain.IncludeUsage);
        Assert.False(plainBody.TryGetProperty("stream", out _));
    }

    [Fact]
    public void Translate_User_MetadataUserId() =>
        Assert.Equal("""{"user_id":"dev-7f3a"}""", Body(Hello("\"user\":\"dev-7f3a\"")).GetProperty("metadata").GetRawText());

    [Fact]
    public void Translate_EscapedText_CopiedByteForByte()
    {
        const string Escaped = """She said \"hi\" \\ caf\u00e9 \ud83d\ude80\n</script>""";
        var (_, body, raw) = Translate(Request($$$"""[{"role":"system","content":"{{{Escaped}}}"},{"role":"user","content":"{{{Escaped}}}"}]"""));

        Assert.Equal(2, raw.Split(Escaped).Length - 1);
        Assert.Equal("She said \"hi\" \\ café 🚀\n</script>", body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Translate_EmptyTextAndNullContent_NoEmptyBlocks()
    {
        var body = Body(Request("""
            [{"role":"user","content":"Hi"},
             {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":""}}]},
             {"role":"tool","tool_call_id":"call_1","content":""}]
            """));

        var assistant = body.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(1, assistant.GetArrayLength());
        Assert.Equal("{}", assistant[0].GetProperty("input").GetRawText());
        Assert.Equal(["type", "tool_use_id"], Names(body.GetProperty("messages")[2].GetProperty("content")[0]));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\\\"a string\\\"")]
    [InlineData("{\\\"a\\\":1} {}")]
    [InlineData("{\\\"a\\\":")]
    public void Translate_ArgumentsNotAJsonObject_400NamingTheArguments(string arguments)
    {
        var error = Error(Request($$$"""
            [{"role":"user","content":"Hi"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}},{"id":"call_2","type":"function","function":{"name":"ls","arguments":"{{{arguments}}}"}}]}]
            """));

        Assert.Equal("messages[1].tool_calls[1].function.arguments", error.Param);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"claude-sonnet-4-5"}""", "messages")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[]}""", "messages")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"only system"}]}""", "messages")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"content":"Hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"function","name":"f","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"user"}]}""", "messages[0].content")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]""", "")]
    [InlineData("""[]""", "")]
    public void Translate_MalformedRequest_400NamingTheMember(string chat, string param) => Assert.Equal(param, Error(chat).Param);
}
