using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy.Translation.Messages;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

public sealed class MessagesErrorToChatTests
{
    private static JsonElement Translate(string body, int status)
    {
        var output = new ArrayBufferWriter<byte>();
        MessagesErrorToChat.Translate(Encoding.UTF8.GetBytes(body), status, output);
        using var document = JsonDocument.Parse(output.WrittenMemory);
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("invalid_request_error", 400, "invalid_request_error", null)]
    [InlineData("request_too_large", 413, "invalid_request_error", "request_too_large")]
    [InlineData("not_found_error", 404, "invalid_request_error", "not_found")]
    [InlineData("authentication_error", 401, "authentication_error", "invalid_api_key")]
    [InlineData("permission_error", 403, "permission_error", "permission_denied")]
    [InlineData("billing_error", 402, "insufficient_quota", "billing_error")]
    [InlineData("rate_limit_error", 429, "rate_limit_error", "rate_limit_exceeded")]
    [InlineData("overloaded_error", 529, "server_error", "overloaded")]
    [InlineData("timeout_error", 504, "server_error", "timeout")]
    [InlineData("api_error", 500, "server_error", null)]
    [InlineData("brand_new_error", 418, "invalid_request_error", null)]
    [InlineData("brand_new_error", 503, "server_error", null)]
    public void Translate_AnthropicErrorType_OpenAITypeAndCode(string anthropicType, int status, string type, string? code)
    {
        var json = Translate($$$"""{"type":"error","error":{"type":"{{{anthropicType}}}","message":"The provider's words."}}""", status);

        var error = json.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("The provider's words.", error.GetProperty("message").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(code, error.GetProperty("code").GetString());
        if (code is null && anthropicType != type)
        {
            Assert.DoesNotContain(anthropicType, json.GetRawText(), StringComparison.Ordinal); // an unknown type is never echoed
        }
    }

    [Fact]
    public void Translate_UnknownMembers_NotEchoed()
    {
        var json = Translate("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required","details":{"secret":"x"}},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""", 400);

        Assert.Equal("""{"error":{"message":"max_tokens: Field required","type":"invalid_request_error","param":null,"code":null}}""", json.GetRawText());
    }

    [Fact]
    public void Translate_MessageEscapes_CopiedAsSent()
    {
        var output = new ArrayBufferWriter<byte>();
        MessagesErrorToChat.Translate("""{"type":"error","error":{"type":"invalid_request_error","message":"bad \"x\"\ncaf\u00e9"}}"""u8, 400, output);

        Assert.Contains("""
            "message":"bad \"x\"\ncaf\u00e9"
            """.Trim(), Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", 502, "server_error")]
    [InlineData("", 400, "invalid_request_error")]
    [InlineData("""{"type":"error","error":{"type":42,"message":["not","a","string"]}}""", 500, "server_error")]
    public void Translate_NotAnAnthropicError_GenericMessageAndTypeFromStatus(string body, int status, string type)
    {
        var error = Translate(body, status).GetProperty("error");

        Assert.Equal("The upstream provider returned an error.", error.GetProperty("message").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
    }
}
