using System.Text;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Core.Tests.Proxy;

public sealed class RequestInspectorTests
{
    private static RequestSummary? Inspect(string json, out string? error) => RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), out error);

    [Fact]
    public void Inspect_ChatBody_ReadsTopLevelMembersOnly()
    {
        var summary = Inspect("""
            {"messages":[{"role":"user","content":"{\"model\":\"evil\",\"stream\":false}"}],
             "model":"gpt-5","stream":true,"max_completion_tokens":512,"tools":[{"type":"function","function":{"name":"model"}}]}
            """, out var error);

        Assert.Null(error);
        Assert.Equal("gpt-5", summary!.Model);
        Assert.True(summary.Stream);
        Assert.Equal(512, summary.MaxOutputTokens);
        Assert.True(summary.HasMessages);
        Assert.False(summary.HasInput);
        Assert.False(summary.HasStreamOptions);
    }

    [Fact]
    public void Inspect_AnthropicMetadataUserId_Read()
    {
        var summary = Inspect("""
            {"model":"claude-sonnet-4-5","max_tokens":10,"metadata":{"user_id":"{\"session_id\":\"s-1\"}"},
             "messages":[{"role":"user","content":[{"type":"text","text":"hi","metadata":{"user_id":"inner"}}]}]}
            """, out var error);

        Assert.Null(error);
        Assert.Equal("{\"session_id\":\"s-1\"}", summary!.MetadataUserId);
    }

    [Theory]
    [InlineData("""{"model":"m","metadata":{"user_id":42}}""")]
    [InlineData("""{"model":"m","metadata":null}""")]
    [InlineData("""{"model":"m","user_id":"top-level"}""")]
    public void Inspect_NoMetadataUserIdString_NullAndNotRefused(string json)
    {
        var summary = Inspect(json, out var error);

        Assert.Null(error);
        Assert.Null(summary!.MetadataUserId);
    }

    [Fact]
    public void Inspect_StreamOptions_IncludeUsageRead()
    {
        Assert.True(Inspect("""{"model":"m","stream_options":{"include_usage":true}}""", out _)!.IncludeUsage);
        var off = Inspect("""{"model":"m","stream_options":{"include_usage":false,"x":[1]}}""", out _)!;
        Assert.True(off.HasStreamOptions);
        Assert.False(off.IncludeUsage);
    }

    [Fact]
    public void Inspect_ResponsesShapedBody_HasInput() =>
        Assert.True(Inspect("""{"model":"gpt-5","input":[{"role":"user","content":"hi"}],"max_output_tokens":100}""", out _)!.HasInput);

    [Fact]
    public void Inspect_LeadingWhitespace_OffsetPointsAtOpeningBrace()
    {
        var summary = Inspect("  \n {\"model\":\"m\"}", out _)!;

        Assert.Equal(4, summary.OpeningBraceOffset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"model\":")]
    [InlineData("{\"model\":\"m\"} trailing")]
    [InlineData("{\"model\":7}")]
    [InlineData("{\"model\":null}")]
    [InlineData("{\"model\":\"m\",\"stream\":\"yes\"}")]
    [InlineData("{\"model\":\"m\",\"stream\":[]}")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":-1}")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":1.5}")]
    [InlineData("{\"model\":\"m\",\"max_completion_tokens\":\"100\"}")]
    [InlineData("{\"model\":\"m\",\"max_output_tokens\":99999999999999999999}")]
    [InlineData("{\"model\":\"m\",\"n\":0}")]
    [InlineData("{\"model\":\"m\",\"stream_options\":true}")]
    [InlineData("{\"model\":\"m\",\"stream_options\":[]}")]
    [InlineData("{\"model\":\"m\",\"stream_options\":{\"include_usage\":\"true\"}}")]
    [InlineData("{\"model\":\"m\",\"background\":1}")]
    [InlineData("{\"model\":\"m\"}{}")]
    [InlineData("\"just a string\"")]
    public void Inspect_NotAnObjectOrMalformed_NullWithReason(string json)
    {
        Assert.Null(Inspect(json, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Inspect_Malformed_ErrorDoesNotQuotePromptText()
    {
        Inspect("{\"model\":\"m\",\"messages\":[\"top secret prompt\" oops]}", out var error);

        Assert.DoesNotContain("top secret", error, StringComparison.Ordinal);
    }
}
