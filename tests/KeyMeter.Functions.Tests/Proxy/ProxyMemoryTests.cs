using System.Net;
using System.Net.Sockets;
using System.Text;
using KeyMeter.Functions.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Request memory is bounded per route and over all requests (finding 12 of the hardening probe).</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyMemoryTests(AzuriteFixture azurite)
{
    private static string LargeBody(int bytes) =>
        """{"model":"gpt-5","messages":[{"role":"user","content":" """ + new string('x', bytes) + "\"}]}";

    [Fact]
    public async Task BurstOfLargeBodies_OverTheMemoryCap_503WithRetryAfterAndAllMemoryGivenBack()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:MaxRequestBodyBytes=600000", "--KeyMeter:Proxy:MaxBufferedBodyBytes=1300000");
        harness.Provider.HeaderDelay = TimeSpan.FromMilliseconds(700);
        var key = await harness.CreateKeyAsync();
        var body = LargeBody(500_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = ProxyRequests.Post(body, key.Secret);
            using var response = await harness.App.Client.SendAsync(request);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter);
        }));

        Assert.Contains(results, result => result.StatusCode == HttpStatusCode.OK);
        Assert.Contains(results, result => result.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.All(results, result => Assert.True(result.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, result.StatusCode.ToString()));
        Assert.All(results.Where(result => result.StatusCode == HttpStatusCode.ServiceUnavailable), result => Assert.NotNull(result.RetryAfter));
        Assert.Equal(0, harness.App.App.Services.GetRequiredService<BufferedBodyBudget>().Used);
    }

    [Fact]
    public async Task ContentLengthOverTheLimit_413BeforeTheBodyIsSent()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync();
        var address = harness.App.Client.BaseAddress!;

        // A raw client that announces 90 MB and sends none of it: the answer must come without waiting for the body.
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = socket.GetStream();
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {key.Secret}\r\nContent-Type: application/json\r\nContent-Length: 90000000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);

        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
        Assert.Empty(harness.Provider.Calls);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_413AndNothingForwarded()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:MaxRequestBodyBytes=100000");
        var key = await harness.CreateKeyAsync();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(LargeBody(150_000))));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Authorization", "Bearer " + key.Secret);

        using var response = await harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(harness.Provider.Calls);
        Assert.Equal(0, harness.App.App.Services.GetRequiredService<BufferedBodyBudget>().Used);
    }
}
