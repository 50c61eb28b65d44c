using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Queues;
using KeyMeter.Core.Queues;

namespace KeyMeter.Adapters.Tests.Queues;

public sealed class ServiceBusQueueSenderTests
{
    private static QueueMessage Message(string id, int size = 10) => new(id, Encoding.UTF8.GetBytes("{\"v\":\"" + new string('x', size) + "\"}"));

    private static ServiceBusQueueSender Create(FakeServiceBus bus) =>
        new("sb-test.servicebus.windows.net", new StaticToken(), new ServiceBusSenderOptions { Transport = new HttpClientTransport(bus), Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(1) } });

    [Fact]
    public async Task SendAsync_Batch_PostsDocumentedShapeWithMessageIdsAndBearerToken()
    {
        var bus = new FakeServiceBus();

        await Create(bus).SendAsync("usage", [Message("px_1"), Message("px_2")], CancellationToken.None);

        var request = Assert.Single(bus.Requests);
        Assert.Equal("https://sb-test.servicebus.windows.net/usage/messages?timeout=60", request.Uri);
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.ContentType);
        Assert.Equal("Bearer sb-token", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(2, body.RootElement.GetArrayLength());
        Assert.Equal("px_1", body.RootElement[0].GetProperty("BrokerProperties").GetProperty("MessageId").GetString());
        Assert.Equal("{\"v\":\"xxxxxxxxxx\"}", body.RootElement[0].GetProperty("Body").GetString());
    }

    [Fact]
    public async Task SendAsync_MoreThan100Messages_SplitIntoBatchesOf100()
    {
        var bus = new FakeServiceBus();

        await Create(bus).SendAsync("usage", [.. Enumerable.Range(0, 250).Select(i => Message("px_" + i))], CancellationToken.None);

        Assert.Equal([100, 100, 50], bus.Requests.Select(request => JsonDocument.Parse(request.Body).RootElement.GetArrayLength()));
    }

    [Fact]
    public async Task SendAsync_QuotaExceeded_ThrowsNamingQueueAndStatus()
    {
        var bus = new FakeServiceBus { Status = HttpStatusCode.Forbidden };

        var exception = await Assert.ThrowsAsync<ServiceBusSendException>(() => Create(bus).SendAsync("usage", [Message("px_1")], CancellationToken.None));

        Assert.Equal(403, exception.Status);
        Assert.Contains("'usage'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxxxx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TransientThenSuccess_RetriedByThePipeline()
    {
        var bus = new FakeServiceBus { FailuresBeforeSuccess = 1 };

        await Create(bus).SendAsync("usage", [Message("px_1")], CancellationToken.None);

        Assert.Equal(2, bus.Requests.Count);
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("sb-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed record SentRequest(string Uri, string? ContentType, string? Authorization, string Body);

    private sealed class FakeServiceBus : HttpMessageHandler
    {
        public HttpStatusCode Status { get; init; } = HttpStatusCode.Created;

        public int FailuresBeforeSuccess { get; set; }

        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new SentRequest(
                request.RequestUri!.AbsoluteUri,
                request.Content?.Headers.ContentType?.ToString(),
                request.Headers.Authorization?.ToString(),
                await request.Content!.ReadAsStringAsync(cancellationToken)));
            if (FailuresBeforeSuccess-- > 0)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            return new HttpResponseMessage(Status);
        }
    }
}
