using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// Each route outside the proxy takes a body no larger than its own limit: refused with 413 before reading when
/// Content-Length says so, and while reading when a chunked body grows past it. Over real Kestrel in local mode.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class BodyLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningApp _app = null!;

    public static TheoryData<string, string, long> Routes { get; } = new()
    {
        { "POST", "/manage/keys", BodyLimits.Management },
        { "PUT", "/manage/teams/a%40example.com", BodyLimits.Management },
        { "POST", "/manage/teams/import", BodyLimits.TeamImport },
        { "POST", "/manage/deadletters/usage/replay", BodyLimits.Management },
        { "GET", "/reports/summary", BodyLimits.NoBody },
        { "GET", "/dashboard", BodyLimits.NoBody },
        { "POST", "/usage-retention", PayloadLimits.Timer },
        { "POST", "/alert-notify", PayloadLimits.SingleMessage },
        { "POST", "/usage-aggregate", PayloadLimits.Batch },
    };

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ContentLengthOverTheRouteLimit_413BeforeAnyBodyIsSent(string method, string path, long limit)
    {
        // Only the head is sent, and the connection stays open: a route that waited for the body would never answer.
        var (status, response) = await RawHttp.SendAsync(_app.Client.BaseAddress!, $"""
            {method} {path} HTTP/1.1
            Host: {_app.Client.BaseAddress!.Authority}
            {LocalFunctionKey.HeaderName}: {RunningApp.FunctionKey}
            Content-Type: application/json
            Content-Length: {(limit + 1).ToString(CultureInfo.InvariantCulture)}
            """, closeSend: false, timeout: TimeSpan.FromSeconds(10));

        Assert.Equal(413, status);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains($"at most {limit} bytes", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/alert-notify", PayloadLimits.SingleMessage)]
    [InlineData("/usage-retention", PayloadLimits.Timer)]
    [InlineData("/manage/keys", BodyLimits.Management)]
    public async Task ChunkedBodyGrowingOverTheRouteLimit_413(string path, long limit)
    {
        var body = Encoding.UTF8.GetBytes("{\"Data\":{\"x\":\"" + new string('a', (int)limit) + "\"}}");
        using var request = RunningApp.Request(HttpMethod.Post, path);
        request.Content = new StreamContent(new MemoryStream(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/reports/summary", null)]
    [InlineData("POST", "/manage/keys", "Origin: https://evil.example")]
    [InlineData("POST", "/usage-retention", "Content-Type: text/plain")]
    public async Task OversizedBodyRefusedByAnyCheck_TheClientCanTellTheConnectionCloses(string method, string path, string? header)
    {
        // Without the key, or from another site, or as text: another check would refuse it first and leave Kestrel a body
        // larger than the route's limit to drain, which it cannot; it closes the connection. Either the answer says so,
        // or the connection still carries the next request.
        var limit = (int)(path == "/usage-retention" ? PayloadLimits.Timer : path.StartsWith("/reports", StringComparison.Ordinal) ? BodyLimits.NoBody : BodyLimits.Management);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_app.Client.BaseAddress!.Host, _app.Client.BaseAddress.Port);
        var stream = client.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {limit + 100}\r\n{(header is null ? string.Empty : header + "\r\n")}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(new byte[limit + 100]).ToArray());

        var first = await ReadResponseAsync(stream);
        var closes = first.Contains("Connection: close", StringComparison.OrdinalIgnoreCase);
        string? second = null;
        if (!closes)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            second = await ReadResponseAsync(stream);
        }

        Assert.StartsWith("HTTP/1.1 4", first, StringComparison.Ordinal);
        Assert.True(closes || second!.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), $"The connection was closed without notice after: {first.Split("\r\n")[0]}");
    }

    [Fact]
    public async Task ChunkedBodyRefusedBeforeReading_AnswerClosesTheConnection()
    {
        using var request = RunningApp.Request(HttpMethod.Post, "/manage/keys", withKey: false);
        request.Content = new StreamContent(new MemoryStream(new byte[2 * BodyLimits.Management]));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
    }

    /// <summary>One response: its head, and its body by Content-Length or chunks (or up to 2 s of whatever comes).</summary>
    private static async Task<string> ReadResponseAsync(Stream stream)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var text = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (!IsComplete(text.ToString()))
            {
                var read = await stream.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    break;
                }

                text.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // Whatever arrived is the answer.
        }

        return text.ToString();
    }

    private static bool IsComplete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = text[..end].Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null
            ? text.Length - (end + 4) >= int.Parse(length["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)
            : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamImport_LargerThanTheManagementLimit_AcceptedUnderItsOwn()
    {
        var csv = new StringBuilder("email,team\n");
        for (var i = 0; csv.Length <= 2 * BodyLimits.Management; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"developer{i}@example.com,platform\n");
        }

        using var request = RunningApp.Request(HttpMethod.Post, "/manage/teams/import");
        request.Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProxyRoute_BodyOverTheManagementLimit_LeftToTheProxysOwnLimit()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"gpt-5","messages":[{"role":"user","content":"{{new string('a', 4 * (int)BodyLimits.Management)}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer km_not_a_key");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
