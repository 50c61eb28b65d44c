using System.Text;
using System.Text.Json;
using KeyMeter.Core.Tests.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;
using static KeyMeter.Core.Tests.Proxy.Translation.Messages.MessagesStreamFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

public sealed class MessagesToChatStreamTranslatorTests
{
    /// <summary>Thinking, text with escapes and an emoji, then two tool calls whose arguments arrive in pieces.</summary>
    private static readonly string TextThenTwoToolCalls =
        Start
        + Thinking
        + Ping
        + TextBlock(1, "\"Let me \"", "\"read \\\"both\\\" 😀 caf\\u00e9\"")
        + ToolUseStart(2, "toolu_01A", "read_file")
        + InputJson(2, "\"\"")
        + InputJson(2, "\"{\\\"path\\\":\"")
        + Ping
        + InputJson(2, "\" \\\"a.cs\\\"}\"")
        + BlockStop(2)
        + ToolUseStart(3, "toolu_01B", "grep")
        + InputJson(3, "\"{\\\"q\\\":\\\"TODO\\\"}\"")
        + BlockStop(3)
        + Delta("tool_use", """{"input_tokens":25,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"output_tokens":120}""")
        + Stop;

    private static readonly string TextOnly = Start + TextBlock(0, "\"Hello\"", "\"! How can I help?\"") + Delta("end_turn") + Stop;

    private static JsonElement DeltaOf(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");

    [Fact]
    public void Translate_TextThenToolCalls_RoleTextToolCallStartsArgumentsFinishUsageDone()
    {
        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(TextThenTwoToolCalls, includeUsage: true));

        Assert.Equal(10, payloads.Count);
        Assert.All(payloads, p =>
        {
            Assert.Equal(Id, p.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", p.GetProperty("object").GetString());
            Assert.Equal(Created, p.GetProperty("created").GetInt64());
            Assert.Equal(Model, p.GetProperty("model").GetString());
        });
        Assert.Equal("assistant", DeltaOf(payloads[0]).GetProperty("role").GetString());
        Assert.Equal("Let me ", DeltaOf(payloads[1]).GetProperty("content").GetString());
        Assert.Equal("read \"both\" 😀 café", DeltaOf(payloads[2]).GetProperty("content").GetString());

        var start = DeltaOf(payloads[3]).GetProperty("tool_calls")[0];
        Assert.Equal(0, start.GetProperty("index").GetInt32());
        Assert.Equal("toolu_01A", start.GetProperty("id").GetString());
        Assert.Equal("function", start.GetProperty("type").GetString());
        Assert.Equal("read_file", start.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(string.Empty, start.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("{\"path\":", DeltaOf(payloads[4]).GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(" \"a.cs\"}", DeltaOf(payloads[5]).GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        var second = DeltaOf(payloads[6]).GetProperty("tool_calls")[0];
        Assert.Equal(1, second.GetProperty("index").GetInt32());
        Assert.Equal("toolu_01B", second.GetProperty("id").GetString());
        Assert.Equal(1, DeltaOf(payloads[7]).GetProperty("tool_calls")[0].GetProperty("index").GetInt32());

        Assert.Equal("tool_calls", payloads[8].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, payloads[9].GetProperty("choices").GetArrayLength());
        var usage = payloads[9].GetProperty("usage");
        Assert.Equal(25 + 3000 + 12000, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(120, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(25 + 3000 + 12000 + 120, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(12000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(3000, usage.GetProperty("prompt_tokens_details").GetProperty("cache_creation_input_tokens").GetInt64());
    }

    [Fact]
    public void Translate_ToolCallArgumentDeltas_ConcatenateToTheInputObject()
    {
        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(TextThenTwoToolCalls, includeUsage: false));

        var arguments = new Dictionary<int, string>();
        foreach (var call in payloads.Select(DeltaOf).Where(d => d.TryGetProperty("tool_calls", out _)).Select(d => d.GetProperty("tool_calls")[0]))
        {
            var index = call.GetProperty("index").GetInt32();
            arguments[index] = arguments.GetValueOrDefault(index, "") + call.GetProperty("function").GetProperty("arguments").GetString();
        }

        using var first = JsonDocument.Parse(arguments[0]);
        using var second = JsonDocument.Parse(arguments[1]);
        Assert.Equal("a.cs", first.RootElement.GetProperty("path").GetString());
        Assert.Equal("TODO", second.RootElement.GetProperty("q").GetString());
    }

    [Fact]
    public void Translate_SplitAtEveryByte_SameOutputAsWhole()
    {
        var upstream = Encoding.UTF8.GetBytes(TextThenTwoToolCalls);
        var whole = Translate(TextThenTwoToolCalls, includeUsage: true);

        for (var offset = 0; offset <= upstream.Length; offset++)
        {
            Assert.Equal(whole, Translate(SplitAt(upstream, offset), includeUsage: true));
        }

        Assert.Equal(whole, Translate(MeterRunner.Chunks(upstream, 1), includeUsage: true));
        Assert.Equal(whole, Translate(MeterRunner.Chunks(upstream, 7), includeUsage: true));
    }

    [Fact]
    public void Translate_CrLfLineEndsSplitAnywhere_SameOutput()
    {
        var crlf = Encoding.UTF8.GetBytes(TextOnly.Replace("\n", "\r\n", StringComparison.Ordinal));
        var whole = Translate(TextOnly, includeUsage: false);

        for (var offset = 0; offset <= crlf.Length; offset++)
        {
            Assert.Equal(whole, Translate(SplitAt(crlf, offset), includeUsage: false));
        }
    }

    [Fact]
    public void Translate_Text_ExactChunksWithThinkingAndPingDropped()
    {
        var sse = Translate(Start + Thinking + Ping + TextBlock(1, "\"Hi\"") + Ping + Delta("end_turn") + Stop, includeUsage: false);

        var head = $$$"""data: {"id":"{{{Id}}}","object":"chat.completion.chunk","created":{{{Created}}},"model":"{{{Model}}}","choices":[{"index":0,"delta":""";
        Assert.Equal(
            head + """{"role":"assistant","content":""},"finish_reason":null}]}""" + "\n\n"
            + head + """{"content":"Hi"},"finish_reason":null}]}""" + "\n\n"
            + head + """{},"finish_reason":"stop"}]}""" + "\n\n"
            + "data: [DONE]\n\n",
            sse);
        Assert.DoesNotContain("ping", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("read both", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", sse, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Translate_IncludeUsage_UsageChunkOnlyWhenAsked(bool includeUsage)
    {
        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(TextOnly, includeUsage));

        Assert.Equal(includeUsage ? 5 : 4, payloads.Count);
        Assert.Equal(includeUsage, payloads[^1].TryGetProperty("usage", out _));
        Assert.Equal("stop", payloads[includeUsage ? ^2 : ^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Translate_MessageDeltaWithOutputOnly_InputFromMessageStartKept()
    {
        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(TextOnly, includeUsage: true));

        var usage = payloads[^1].GetProperty("usage");
        Assert.Equal(25 + 3000 + 12000, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(120, usage.GetProperty("completion_tokens").GetInt64());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "stop")]
    public void Translate_StopReason_FinishReason(string stopReason, string finishReason)
    {
        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(Start + TextBlock(0, "\"x\"") + Delta(stopReason) + Stop, includeUsage: false));

        Assert.Equal(finishReason, payloads[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Translate_ErrorEvent_OpenAIErrorThenDoneAndNothingAfter()
    {
        var upstream = Start + TextBlock(0, "\"Hel\"")
            + Event("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")
            + TextBlock(1, "\"late\"") + Stop;

        var sse = Translate(upstream, includeUsage: true);
        var payloads = Proxy.Translation.ChatSse.Payloads(sse);

        Assert.Equal(3, payloads.Count);
        Assert.Equal("""{"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}""", payloads[2].GetRawText());
        Assert.DoesNotContain("late", sse, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Translate_TruncatedStream_ErrorThenDone(bool afterMessageDelta)
    {
        var upstream = Start + TextBlock(0, "\"Hel\"") + (afterMessageDelta ? Delta("end_turn") : "");

        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(upstream, includeUsage: true));

        Assert.Equal(3, payloads.Count);
        var error = payloads[2].GetProperty("error");
        Assert.Equal("The upstream response ended before it completed.", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public void Translate_LastEventWithoutBlankLine_StillCompletes()
    {
        var upstream = TextOnly[..^1];

        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(upstream, includeUsage: false));

        Assert.Equal("stop", payloads[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Translate_MalformedEventAndDeltaForUnknownBlock_Skipped()
    {
        var upstream = Start + "data: {not json\n\n" + InputJson(5, "\"{}\"") + TextBlock(0, "\"ok\"") + Delta("end_turn") + Stop;

        var payloads = Proxy.Translation.ChatSse.Payloads(Translate(upstream, includeUsage: false));

        Assert.Equal(3, payloads.Count);
        Assert.Equal("ok", DeltaOf(payloads[1]).GetProperty("content").GetString());
    }

    [Fact]
    public void Translate_AfterDispose_Throws()
    {
        var translator = new KeyMeter.Core.Proxy.Translation.Messages.MessagesToChatStreamTranslator(Created, includeUsage: false);
        translator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => translator.Translate("data: {}\n\n"u8, new System.Buffers.ArrayBufferWriter<byte>()));
    }
}
