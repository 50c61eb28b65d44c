using System.Net;
using System.Text;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyLimitsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:MaxRequestBodyBytes=2048");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverLimit_413InProviderShapeAndNothingForwarded(bool chunked)
    {
        var key = await _harness.CreateKeyAsync();
        var json = $$"""{"model":"gpt-5","messages":[{"role":"user","content":"{{new string('a', 4000)}}"}]}""";
        HttpContent content = new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.Add("Authorization", "Bearer " + key.Secret);
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await _harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"code\":\"request_too_large\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task BodyUnderLimit_Forwarded()
    {
        var key = await _harness.CreateKeyAsync();
        using var request = ProxyRequests.Post("""{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""", key.Secret);

        using var response = await _harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
