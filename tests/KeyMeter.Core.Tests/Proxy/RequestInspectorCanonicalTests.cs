using System.Text;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Core.Tests.Proxy;

/// <summary>The body is read the way the provider reads it: escapes decoded, duplicates and undecodable text refused.</summary>
public sealed class RequestInspectorCanonicalTests
{
    private static RequestSummary? Inspect(string json, out string? error) => RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), out error);

    [Fact]
    public void Inspect_EscapedDuplicateOfModel_Refused()
    {
        // The allow-list saw gpt-4o-mini while the provider decoded the second member and served o1-pro.
        var summary = Inspect("""{"model":"gpt-4o-mini","mod\u0065l":"o1-pro","messages":[]}""", out var error);

        Assert.Null(summary);
        Assert.Contains("'model' twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EscapedMemberNames_ReadDecoded()
    {
        var summary = Inspect("""{"mod\u0065l":"o1-pro","str\u0065am":true,"max_\u0074okens":77,"messages":[]}""", out var error);

        Assert.Null(error);
        Assert.Equal("o1-pro", summary!.Model);
        Assert.True(summary.Stream);
        Assert.Equal(77, summary.MaxOutputTokens);
    }

    [Fact]
    public void Inspect_EscapedModelValue_Decoded() =>
        Assert.Equal("o1-pro", Inspect("""{"model":"o1\u002dpro"}""", out _)!.Model);

    [Theory]
    [InlineData("""{"model":"a","model":"b"}""")]
    [InlineData("""{"model":"m","stream":false,"stream":true}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x","role":"system"}]}""")]
    [InlineData("""{"model":"m","stream_options":{"include_usage":true,"include_usage":false}}""")]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{"name":"a","name":"b"}}]}""")]
    [InlineData("""{"model":"m","x":{"\u00e9":1,"é":2}}""")]
    public void Inspect_DuplicateMemberAnywhere_Refused(string json)
    {
        Assert.Null(Inspect(json, out var error));
        Assert.Contains("twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ManyDistinctMembers_Accepted()
    {
        var members = string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"p{i}\":{i}"));

        Assert.NotNull(Inspect("{\"model\":\"m\",\"schema\":{" + members + "}}", out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Inspect_DuplicateAfterManyMembers_Refused()
    {
        var members = string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"p{i}\":{i}"));

        Assert.Null(Inspect("{\"model\":\"m\",\"schema\":{" + members + ",\"p\\u0031\\u0037\":0}}", out var error));
        Assert.Contains("'p17' twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_SameNameInSiblingObjects_Accepted() =>
        Assert.NotNull(Inspect("""{"model":"m","messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}""", out _));

    [Fact]
    public void Inspect_InvalidUtf8InModel_Refused()
    {
        byte[] body = [.. """{"model":"gpt"""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.Null(RequestInspector.Inspect(body, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_RawSurrogateBytes_Refused()
    {
        // U+D800 encoded as if it were a character: not UTF-8.
        byte[] body = [.. "{\"model\":\"m\",\"messages\":[{\"content\":\""u8, 0xED, 0xA0, 0x80, .. "\"}]}"u8];

        Assert.Null(RequestInspector.Inspect(body, out _));
    }

    [Theory]
    [InlineData("""{"model":"\ud800"}""")]
    [InlineData("""{"model":"m","messages":[{"content":"a\udc00b"}]}""")]
    [InlineData("""{"model":"m","messages":[{"content":"\ude00\ud83d"}]}""")]
    [InlineData("""{"model":"m","messages":[{"content":"\ud83d\n"}]}""")]
    [InlineData("""{"model":"m","messages":[{"content":"\ud83dx"}]}""")]
    [InlineData("""{"model":"m","\ud800":1}""")]
    public void Inspect_UnpairedSurrogateEscape_Refused(string json)
    {
        Assert.Null(Inspect(json, out var error));
        Assert.Contains("surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PairedSurrogateEscape_Accepted() =>
        Assert.NotNull(Inspect("""{"model":"m","messages":[{"content":"smile \ud83d\ude00 \\u0041 \"q\""}]}""", out _));

    [Fact]
    public void Inspect_ModelLongerThanLimit_Refused()
    {
        Assert.Null(Inspect($$"""{"model":"{{new string('m', RequestWalk.MaxModelLength + 1)}}"}""", out _));
        Assert.NotNull(Inspect($$"""{"model":"{{new string('m', RequestWalk.MaxModelLength)}}"}""", out _));
    }

    [Fact]
    public void Inspect_SeveralOutputLimits_LargestIsTheBound() =>
        Assert.Equal(9000, Inspect("""{"model":"m","max_tokens":100,"max_completion_tokens":9000,"max_output_tokens":null}""", out _)!.MaxOutputTokens);

    [Fact]
    public void Inspect_ChoicesCount_LargestOfNAndBestOf()
    {
        Assert.Equal(1, Inspect("""{"model":"m"}""", out _)!.Choices);
        Assert.Equal(4, Inspect("""{"model":"m","n":4}""", out _)!.Choices);
        Assert.Equal(5, Inspect("""{"model":"m","n":2,"best_of":5}""", out _)!.Choices);
    }

    [Theory]
    [InlineData("""{"model":"m","previous_response_id":"resp_1","input":"go on"}""", "previous_response_id")]
    [InlineData("""{"model":"m","conversation":"conv_1","input":"hi"}""", "conversation")]
    [InlineData("""{"model":"m","conversation":{"id":"conv_1"},"input":"hi"}""", "conversation")]
    [InlineData("""{"model":"m","prompt":{"id":"pmpt_1","version":"2"}}""", "a stored prompt")]
    [InlineData("""{"model":"m","tools":[{"type":"web_search"}],"input":"hi"}""", "a server-side tool")]
    [InlineData("""{"model":"m","tools":[{"name":"f","input_schema":{}},{"type":"web_search_20250305","name":"web_search"}]}""", "a server-side tool")]
    [InlineData("""{"model":"m","mcp_servers":[{"type":"url","url":"https://x"}]}""", "mcp_servers")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/a.png"}}]}]}""", "an image, audio or file part")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file_1"}]}]}""", "an image, audio or file part")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"im\u0061ge","source":{"type":"url","url":"https://x"}}]}]}""", "an image, audio or file part")]
    public void Inspect_InputTheBodyCannotBound_Named(string json, string reason) =>
        Assert.Equal(reason, Inspect(json, out _)!.UnboundedInput);

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","prompt":"Say this is a test","best_of":2}""")]
    [InlineData("""{"model":"m","previous_response_id":null,"input":"hi"}""")]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}},{"type":"custom","name":"c"},{"type":"bash_20250124","name":"bash"}]}""")]
    [InlineData("""{"model":"m","tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"type":{"type":"string"}}}}]}""")]
    public void Inspect_TextOnlyWithClientTools_InputBoundedByBody(string json) =>
        Assert.Null(Inspect(json, out _)!.UnboundedInput);

    [Fact]
    public void Inspect_BackgroundAndServiceTier_Read()
    {
        var summary = Inspect("""{"model":"m","background":true,"service_tier":"priority"}""", out _)!;

        Assert.True(summary.Background);
        Assert.Equal("priority", summary.ServiceTier);
    }

    [Fact]
    public void Inspect_StreamOptionsLocations_PointAtTheValue()
    {
        const string Json = """{"model":"m","stream_options": {"x":1, "include_usage" : false } ,"stream":true}""";
        var summary = Inspect(Json, out _)!;
        var bytes = Encoding.UTF8.GetBytes(Json);

        Assert.Equal("""{"x":1, "include_usage" : false }""", Encoding.UTF8.GetString(summary.StreamOptions!.Value.Of(bytes)));
        Assert.Equal("false", Encoding.UTF8.GetString(summary.StreamOptions.IncludeUsage!.Value.Of(bytes)));
        Assert.True(summary.StreamOptions.IsObject);
        Assert.False(summary.StreamOptions.IsEmptyObject);
    }
}
