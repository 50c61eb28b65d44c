using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Tests.Metering;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;
using static KeyMeter.Core.Tests.Proxy.Translation.ResponsesStreamFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation;

public sealed partial class ResponsesToChatStreamTranslatorTests
{
    /// <summary>Whole, byte by byte, and in chunks that split events, JSON tokens and UTF-8 sequences anywhere.</summary>
    public static readonly TheoryData<int> ChunkSizes = new() { MeterRunner.Whole, 1, 13 };

    // Quotes, backslashes, a raw emoji (4 UTF-8 bytes), \u escapes including a surrogate pair, an escaped newline.
    private const string TrickyRaw = "\"" + """She said \"hi\" \\ C:\\tmp\\ 😀 caf\u00e9 \ud83d\ude80\nline </script>""" + "\"";
    private const string TrickyText = "She said \"hi\" \\ C:\\tmp\\ 😀 café 🚀\nline </script>";

    private static readonly string TextOnly = Opening + Message("\"Hello\"", "\" there! How can I help?\"") + Completed();

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_TextOnly_WritesRoleContentStopUsageAndDone(int chunkSize)
    {
        var sse = ChatSse.Translate(TextOnly, chunkSize, includeUsage: true);

        Assert.Equal(
            RoleChunk
            + Chunk("""{"content":"Hello"}""")
            + Chunk("""{"content":" there! How can I help?"}""")
            + Chunk("{}", "\"stop\"")
            + UsageChunk
            + Done,
            sse);
    }

    [Fact]
    public void Translate_TextOnly_EveryPayloadIsAChatChunkWithMappedUsage()
    {
        var payloads = ChatSse.Payloads(ChatSse.Translate(TextOnly, 13, includeUsage: true));

        Assert.Equal(5, payloads.Count);
        Assert.All(payloads, p =>
        {
            Assert.Equal(Id, p.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", p.GetProperty("object").GetString());
            Assert.Equal(CreatedAt, p.GetProperty("created").GetInt64());
            Assert.Equal(Model, p.GetProperty("model").GetString());
        });
        Assert.Equal("assistant", payloads[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(payloads.Take(4).Select(p => p.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : ""));
        Assert.Equal("Hello there! How can I help?", text);
        Assert.Equal("stop", payloads[3].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usageChunk = payloads[4];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(10000, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(300, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(10300, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(8000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(256, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt64());
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_UsageNotAsked_NoUsageChunk(int chunkSize)
    {
        var sse = ChatSse.Translate(TextOnly, chunkSize, includeUsage: false);

        Assert.Equal(
            RoleChunk + Chunk("""{"content":"Hello"}""") + Chunk("""{"content":" there! How can I help?"}""") + Chunk("{}", "\"stop\"") + Done,
            sse);
        Assert.DoesNotContain("usage", sse, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_TextAndOneFunctionCall_ToolCallChunksAndToolCallsFinish(int chunkSize)
    {
        var upstream = Opening
            + Message("\"Let me read it.\"")
            + FunctionCallAdded(2, "fc_68af40ab12", "call_Xk2", "read_file")
            + ArgumentsDelta(2, "fc_68af40ab12", """ "{\"path\":" """.Trim())
            + ArgumentsDelta(2, "fc_68af40ab12", """ "\"src/a.cs\"}" """.Trim())
            + FunctionCallDone(2, "fc_68af40ab12", "call_Xk2", "read_file", """ "{\"path\":\"src/a.cs\"}" """.Trim())
            + Completed();

        var sse = ChatSse.Translate(upstream, chunkSize, includeUsage: true);

        Assert.Equal(
            RoleChunk
            + Chunk("""{"content":"Let me read it."}""")
            + ToolCallStart(0, "call_Xk2", "read_file")
            + ToolCallArguments(0, """ "{\"path\":" """.Trim())
            + ToolCallArguments(0, """ "\"src/a.cs\"}" """.Trim())
            + Chunk("{}", "\"tool_calls\"")
            + UsageChunk
            + Done,
            sse);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_TwoFunctionCalls_IndexedInOrderAndMappedByOutputIndexOrItemId(int chunkSize)
    {
        var upstream = Opening
            + FunctionCallAdded(1, "fc_a", "call_A", "read_file")
            + ArgumentsDelta(1, "fc_a", "\"{\\\"path\\\":\"")
            + FunctionCallAdded(2, "fc_b", "call_B", "grep")
            + ArgumentsDelta(2, "fc_b", "\"{\\\"q\\\":\\\"TODO\\\"}\"")
            + ArgumentsDelta(1, "fc_a", "\"\\\"a.cs\\\"}\"")
            // A delta without output_index is matched by its item_id.
            + Event("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","sequence_number":25,"item_id":"fc_b","delta":" "}""")
            + Completed();

        var sse = ChatSse.Translate(upstream, chunkSize, includeUsage: false);

        Assert.Equal(
            RoleChunk
            + ToolCallStart(0, "call_A", "read_file")
            + ToolCallArguments(0, "\"{\\\"path\\\":\"")
            + ToolCallStart(1, "call_B", "grep")
            + ToolCallArguments(1, "\"{\\\"q\\\":\\\"TODO\\\"}\"")
            + ToolCallArguments(0, "\"\\\"a.cs\\\"}\"")
            + ToolCallArguments(1, "\" \"")
            + Chunk("{}", "\"tool_calls\"")
            + Done,
            sse);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_CustomToolCall_InputStreamsAsFunctionArguments(int chunkSize)
    {
        const string Part1 = """ "*** Begin Patch\n*** Update File: src/a.cs\n" """;
        const string Part2 = """ "@@\n-var x = 1;\n+var x = \"two\";\n*** End Patch" """;
        var upstream = Opening
            + CustomToolCallAdded(1, "ctc_68af41", "call_P7", "ApplyPatch")
            + CustomInputDelta(1, "ctc_68af41", Part1.Trim())
            + CustomInputDelta(1, "ctc_68af41", Part2.Trim())
            + CustomInputDone(1, "ctc_68af41", "\"(whole patch)\"")
            + Completed();

        var sse = ChatSse.Translate(upstream, chunkSize, includeUsage: false);

        Assert.Equal(
            RoleChunk
            + ToolCallStart(0, "call_P7", "ApplyPatch")
            + ToolCallArguments(0, Part1.Trim())
            + ToolCallArguments(0, Part2.Trim())
            + Chunk("{}", "\"tool_calls\"")
            + Done,
            sse);
        var arguments = string.Concat(ChatSse.Payloads(sse).Skip(2).Take(2)
            .Select(p => p.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("*** Begin Patch\n*** Update File: src/a.cs\n@@\n-var x = 1;\n+var x = \"two\";\n*** End Patch", arguments);
    }

    [Theory]
    [InlineData("max_output_tokens", "length")]
    [InlineData("content_filter", "content_filter")]
    public void Translate_Incomplete_FinishReasonFromReasonThenUsage(string reason, string finishReason)
    {
        var sse = ChatSse.Translate(Opening + Message("\"Partial\"") + Incomplete(reason), 13, includeUsage: true);

        Assert.Equal(RoleChunk + Chunk("""{"content":"Partial"}""") + Chunk("{}", $"\"{finishReason}\"") + UsageChunk + Done, sse);
    }

    [Fact]
    public void Translate_IncompleteDuringFunctionCall_LengthNotToolCalls()
    {
        var upstream = Opening
            + FunctionCallAdded(1, "fc_a", "call_A", "write_file")
            + ArgumentsDelta(1, "fc_a", "\"{\\\"content\\\":\\\"abc\"")
            + Incomplete("max_output_tokens");

        var sse = ChatSse.Translate(upstream, 1, includeUsage: false);

        Assert.EndsWith(Chunk("{}", "\"length\"") + Done, sse, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_Failed_ErrorChunkThenDone(int chunkSize)
    {
        var sse = ChatSse.Translate(Opening + Message("\"Hal\"") + Failed, chunkSize, includeUsage: true);

        Assert.Equal(
            RoleChunk
            + Chunk("""{"content":"Hal"}""")
            + Data("""{"error":{"message":"The model \"gpt-5\" failed to respond.","type":"server_error","param":null,"code":"server_error"}}""")
            + Done,
            sse);
        var error = ChatSse.Payloads(sse)[^1].GetProperty("error");
        Assert.Equal("The model \"gpt-5\" failed to respond.", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Translate_ErrorEvent_ErrorChunkWithCodeThenDone()
    {
        var upstream = Opening[..Opening.IndexOf("event: response.output_item.added", StringComparison.Ordinal)] + ErrorEvent;

        var sse = ChatSse.Translate(upstream, 13, includeUsage: true);

        Assert.Equal(
            RoleChunk
            + Data("""{"error":{"message":"Rate limit reached for gpt-5 in organization org-abc on tokens per min (TPM).","type":"server_error","param":null,"code":"rate_limit_exceeded"}}""")
            + Done,
            sse);
    }

    [Fact]
    public void Translate_NestedErrorEvent_KeepsTypeAndParam()
    {
        var upstream = Event("error", """{"type":"error","sequence_number":0,"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":"Your input exceeds the context window of this model.","param":"input"}}""");

        var sse = ChatSse.Translate(upstream, 1, includeUsage: true);

        Assert.Equal(
            Data("""{"error":{"message":"Your input exceeds the context window of this model.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}""")
            + Done,
            sse);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_UpstreamEndsWithoutTerminalEvent_ErrorChunkThenDone(int chunkSize)
    {
        var sse = ChatSse.Translate(Opening + Message("\"Hel\""), chunkSize, includeUsage: true);

        Assert.Equal(
            RoleChunk
            + Chunk("""{"content":"Hel"}""")
            + Data("""{"error":{"message":"The upstream response ended before it completed.","type":"server_error","param":null,"code":null}}""")
            + Done,
            sse);
    }

    [Fact]
    public void Complete_LastEventWithoutBlankLine_StillTranslated()
    {
        var upstream = TextOnly[..^1]; // The upstream closed right after the last data line.

        var sse = ChatSse.Translate(upstream, 13, includeUsage: false);

        Assert.EndsWith(Chunk("{}", "\"stop\"") + Done, sse, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Translate_QuotesBackslashesAndEmoji_CopiedExactly(int chunkSize)
    {
        var upstream = Opening
            + Message(TrickyRaw)
            + FunctionCallAdded(2, "fc_t", "call_T", "echo")
            + ArgumentsDelta(2, "fc_t", TrickyRaw)
            + Completed();

        var sse = ChatSse.Translate(upstream, chunkSize, includeUsage: false);

        // Byte for byte: the escaped JSON the upstream sent is what the client gets.
        Assert.Contains(Chunk($$$"""{"content":{{{TrickyRaw}}}}"""), sse, StringComparison.Ordinal);
        Assert.Contains(ToolCallArguments(0, TrickyRaw), sse, StringComparison.Ordinal);
        var payloads = ChatSse.Payloads(sse);
        Assert.Equal(TrickyText, payloads[1].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal(TrickyText, payloads[3].GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public void Translate_RefusalDelta_WritesDeltaRefusal()
    {
        var upstream = Opening
            + Event("response.refusal.delta", $$$"""{"type":"response.refusal.delta","sequence_number":9,"item_id":"{{{MessageId}}}","output_index":1,"content_index":0,"delta":"I can't help with that."}""")
            + Completed();

        var sse = ChatSse.Translate(upstream, 13, includeUsage: false);

        Assert.Equal(RoleChunk + Chunk("""{"refusal":"I can't help with that."}""") + Chunk("{}", "\"stop\"") + Done, sse);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Translate_OtherLineEnds_SameOutput(string lineEnd)
    {
        var expected = ChatSse.Translate(TextOnly, MeterRunner.Whole, includeUsage: true);

        var sse = ChatSse.Translate(TextOnly.Replace("\n", lineEnd, StringComparison.Ordinal), 1, includeUsage: true);

        Assert.Equal(expected, sse);
    }

    [Fact]
    public void Translate_NoEventLines_ClassifiesByPayloadType()
    {
        var expected = ChatSse.Translate(TextOnly, MeterRunner.Whole, includeUsage: true);

        var sse = ChatSse.Translate(EventLine().Replace(TextOnly, string.Empty), 13, includeUsage: true);

        Assert.Equal(expected, sse);
    }

    [Fact]
    public void Translate_MalformedEvent_SkippedAndCounted()
    {
        var expected = ChatSse.Translate(TextOnly, MeterRunner.Whole, includeUsage: true);
        var malformed = 0;

        var sse = ChatSse.Translate(Opening + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"x\n\n" + Message("\"Hello\"", "\" there! How can I help?\"") + Completed(), 13, includeUsage: true, t => malformed = t.MalformedEventCount);

        Assert.Equal(expected, sse);
        Assert.Equal(1, malformed);
    }

    [Fact]
    public void Translate_EventsAfterTerminal_Ignored()
    {
        var done = false;

        var sse = ChatSse.Translate(TextOnly + Message("\"late\"") + ErrorEvent, 13, includeUsage: true, t => done = t.IsDone);

        Assert.Equal(ChatSse.Translate(TextOnly, MeterRunner.Whole, includeUsage: true), sse);
        Assert.True(done);
    }

    [Fact]
    public void Translate_AfterComplete_Throws()
    {
        var translator = new ResponsesToChatStreamTranslator(includeUsage: false);
        var output = new ArrayBufferWriter<byte>();
        translator.Complete(output);

        Assert.Throws<ObjectDisposedException>(() => translator.Translate(Encoding.UTF8.GetBytes(TextOnly), output));
    }

    [Fact]
    public void Complete_AfterDispose_WritesNothing()
    {
        var translator = new ResponsesToChatStreamTranslator(includeUsage: false);
        var output = new ArrayBufferWriter<byte>();
        translator.Translate(Encoding.UTF8.GetBytes(Opening), output);
        var written = output.WrittenCount;

        translator.Dispose();
        translator.Complete(output);

        Assert.Equal(written, output.WrittenCount);
        Assert.False(translator.IsDone);
    }

    [GeneratedRegex("^event: .*\n", RegexOptions.Multiline)]
    private static partial Regex EventLine();
}
