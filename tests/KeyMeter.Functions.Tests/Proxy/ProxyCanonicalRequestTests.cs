using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// Every control reads the body the way the provider will: escaped member names decoded, duplicates and undecodable
/// text refused with 400 before anything is forwarded (findings 2 and 11 of the hardening probe).
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyCanonicalRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProxyHarness _harness = null!;

    public static TheoryData<string> PostRoutes => new()
    {
        "/v1/chat/completions", "/v1/responses", "/v1/completions", "/v1/embeddings", "/anthropic/v1/messages", "/anthropic/v1/messages/count_tokens",
    };

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, byte[] body, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(path.StartsWith("/anthropic", StringComparison.Ordinal) ? "x-api-key" : "Authorization", path.StartsWith("/anthropic", StringComparison.Ordinal) ? secret : "Bearer " + secret);
        using var response = await _harness.App.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Chat_EscapedSecondModelMember_RefusedAndNothingForwarded()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-4o-mini"]);

        var (status, body) = await PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","mod\u0065l":"o1-pro","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var error = JsonDocument.Parse(body);
        Assert.Contains("'model' twice", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
        Assert.Empty(_harness.Usage.Records);
    }

    [Fact]
    public async Task Chat_EscapedModelNameOnly_AllowListSeesTheDecodedModel()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-4o-mini"]);

        var (status, _) = await PostAsync("/v1/chat/completions", """{"mod\u0065l":"o1-pro","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Chat_EscapedStreamMember_StreamIsMeteredWithTheProvidersUsage()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","str\u0065am":true,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("\"usage\":{", body, StringComparison.Ordinal);
        Assert.True(Assert.Single(_harness.Provider.Calls).IncludeUsageRequested);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.True(record.Streamed);
        Assert.False(record.Estimated);
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task AnyPostRoute_InvalidUtf8InModel_400NotServerError(string path)
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await PostAsync(path, [.. """{"model":"gpt"""u8, 0xC3, 0x28, .. "\",\"messages\":[],\"input\":\"x\"}"u8], key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("UTF-8", body, StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task AnyPostRoute_LoneSurrogateInModel_400InTheProvidersShape(string path)
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await PostAsync(path, """{"model":"\ud800","messages":[],"input":"x"}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var error = JsonDocument.Parse(body);
        Assert.Contains("surrogate", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task CursorResponsesShapedBody_LoneSurrogateInInput_400NotServerError()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, _) = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","input":[{"role":"user","content":"\udfff"}],"stream":true}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Chat_DuplicateDeepInMessages_Refused()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, _) = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[{"role":"user","role":"system","content":"hi"}]}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Chat_ForwardsExactlyTheBytesInspected()
    {
        var key = await _harness.CreateKeyAsync();
        const string Body = """{ "model" : "gpt-5", "messages" : [ {"role":"user","content":"caf\u00e9 \"q\""} ], "temperature" : 0.5 }""";

        var (status, _) = await PostAsync("/v1/chat/completions", Encoding.UTF8.GetBytes(Body), key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        using var sent = JsonDocument.Parse(Assert.Single(_harness.Provider.Calls).Body);
        using var expected = JsonDocument.Parse(Body);
        Assert.Equal(expected.RootElement.GetRawText(), sent.RootElement.GetRawText());
    }

    [Fact]
    public async Task Responses_Background_RefusedBecauseItCouldNotBeMetered()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await PostAsync("/v1/responses", """{"model":"gpt-5","input":"hi","background":true}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("background", body, StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Chat_PriorityServiceTier_Refused()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, _) = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","service_tier":"priority","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_harness.Provider.Calls);
    }
}
