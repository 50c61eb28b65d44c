using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;

namespace KeyMeter.Core.Tests.Proxy.Translation;

public sealed class ResponsesRequestRewriterTests
{
    /// <summary>What Cursor sends a GPT-5 model in Agent mode (see CursorResponsesQuirk), pretty-printed.</summary>
    private const string CursorBody = """
        {
          "model": "gpt-5",
          "input": [
            {"role": "system", "content": "You are a coding agent in Cursor."},
            {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Fix the \"bug\" in C:\\src\\a.cs 😀 caf\u00e9"}]},
            {"type": "function_call", "call_id": "call_1", "name": "read_file", "arguments": "{\"path\":\"a.cs\"}"},
            {"type": "function_call_output", "call_id": "call_1", "output": "class A {}", "stream_options": "nested, kept"}
          ],
          "tools": [
            {"type": "function", "name": "read_file", "description": "Read a file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}, "strict": false},
            {"type": "custom", "name": "ApplyPatch", "description": "Apply a patch", "format": {"type": "grammar", "syntax": "lark", "definition": "start: begin_patch hunk+ end_patch\nbegin_patch: \"*** Begin Patch\" LF"}}
          ],
          "tool_choice": "auto",
          "stream_options": {"include_usage": true},
          "store": false,
          "include": ["reasoning.encrypted_content"],
          "previous_response_id": null,
          "truncation": "auto",
          "prompt_cache_retention": "24h",
          "reasoning": {"effort": "medium", "summary": "auto"},
          "text": {"verbosity": "low"},
          "max_output_tokens": 32000,
          "stream": true
        }
        """;

    private static string? Rewrite(string body)
    {
        var output = new ArrayBufferWriter<byte>();
        return ResponsesRequestRewriter.Rewrite(Encoding.UTF8.GetBytes(body), output) ? Encoding.UTF8.GetString(output.WrittenSpan) : null;
    }

    [Fact]
    public void Rewrite_CursorBody_DropsStreamOptionsKeepsEveryOtherMemberByteForByte()
    {
        var rewritten = Rewrite(CursorBody)!;

        using var before = JsonDocument.Parse(CursorBody);
        using var after = JsonDocument.Parse(rewritten);
        var expected = before.RootElement.EnumerateObject().Where(p => p.Name != "stream_options").Select(p => (p.Name, p.Value.GetRawText())).ToList();
        var actual = after.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(13, actual.Count);
        Assert.Contains("\"Fix the \\\"bug\\\" in C:\\\\src\\\\a.cs 😀 caf\\u00e9\"", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_CursorBody_InspectsAsResponsesShapedWithoutStreamOptions()
    {
        var summary = RequestInspector.Inspect(Encoding.UTF8.GetBytes(Rewrite(CursorBody)!), out var error)!;

        Assert.Null(error);
        Assert.False(summary.HasStreamOptions);
        Assert.True(summary.Stream);
        Assert.True(summary.HasInput);
        Assert.Equal(32000, summary.MaxOutputTokens);
    }

    [Theory]
    [InlineData("""{"stream_options":{"include_usage":true},"model":"gpt-5","input":"hi","stream":true}""")]
    [InlineData("""{"model":"gpt-5","stream_options":{"include_usage":true},"input":"hi","stream":true}""")]
    [InlineData("""{"model":"gpt-5","input":"hi","stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData(""" { "model" : "gpt-5" , "input" : "hi", "stream_options": null , "stream" : true } """)]
    public void Rewrite_StreamOptionsAnywhere_Removed(string body) =>
        Assert.Equal("""{"model":"gpt-5","input":"hi","stream":true}""", Rewrite(body));

    [Fact]
    public void Rewrite_OnlyStreamOptions_EmptyObject() =>
        Assert.Equal("{}", Rewrite("""{"stream_options":{"include_usage":true}}"""));

    [Fact]
    public void Rewrite_NoStreamOptions_Unchanged()
    {
        const string Body = """{"model":"gpt-5","input":[{"role":"user","content":"a\"b\\c\u2028"}],"reasoning":{"effort":"high"}}""";

        Assert.Equal(Body, Rewrite(Body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"input\"")]
    [InlineData("""{"input":""")]
    [InlineData("""{"input":"hi"} {}""")]
    public void Rewrite_NotOneJsonObject_False(string body) => Assert.Null(Rewrite(body));
}
