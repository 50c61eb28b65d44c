using System.Text.Json;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Notifications;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>
/// ACS Email's <c>POST {endpoint}/emails:send?api-version=2025-09-01</c> against a loopback receiver: Entra bearer token
/// for the Communication Services scope, <c>Operation-Id</c>, and the documented body
/// (https://learn.microsoft.com/rest/api/communication/dataplane/email/send).
/// </summary>
public sealed class AcsEmailChannelTests : IAsyncLifetime
{
    private LoopbackReceiver _receiver = null!;
    private readonly FakeTokenCredential _credential = new();

    public async Task InitializeAsync() => _receiver = (await LoopbackReceiver.StartAsync()).Otherwise(202, """{"id":"op","status":"Running"}""");

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private AcsEmailChannel Channel(string? recipients = "lead@example.com, finance@example.com")
    {
        var email = new EmailOptions { AcsEndpoint = _receiver.BaseAddress, Sender = "DoNotReply@contoso.azurecomm.net", Recipients = recipients };
        var options = new NotificationOptions { Email = email, MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };
        return new AcsEmailChannel(email, HttpPipelineBuilder.Build(new NotificationClientOptions(options), new AcsTokenPolicy(_credential)));
    }

    [Fact]
    public async Task Send_Alert_MatchesTheDocumentedRequest()
    {
        var message = NotificationTestMessages.AlertMessage();

        var result = await Channel().SendAsync(message, CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/emails:send?api-version=2025-09-01", request.PathAndQuery);
        Assert.Equal("Bearer token-1", request.Headers["Authorization"]);
        Assert.Equal(["https://communication.azure.com//.default"], _credential.Scopes);
        Assert.True(Guid.TryParse(request.Headers["Operation-Id"], out var operation));
        Assert.Equal(AcsEmailRequest.OperationId(message.Id), operation);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("DoNotReply@contoso.azurecomm.net", root.GetProperty("senderAddress").GetString());
        Assert.Equal(
            ["lead@example.com", "finance@example.com", "alice@example.com"],
            root.GetProperty("recipients").GetProperty("to").EnumerateArray().Select(to => to.GetProperty("address").GetString()));
        var content = root.GetProperty("content");
        Assert.Equal(message.Subject, content.GetProperty("subject").GetString());
        Assert.Equal(PlainTextRenderer.Render(message), content.GetProperty("plainText").GetString());
        Assert.Equal(HtmlRenderer.Render(message), content.GetProperty("html").GetString());
        Assert.True(root.GetProperty("userEngagementTrackingDisabled").GetBoolean());
        Assert.Equal(
            ["content", "recipients", "senderAddress", "userEngagementTrackingDisabled"],
            root.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Send_Twice_SameOperationIdAndOneToken()
    {
        var channel = Channel();

        await channel.SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);
        await channel.SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        var requests = _receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Headers["Operation-Id"], requests[1].Headers["Operation-Id"]);
        Assert.Equal(1, _credential.Calls);
        Assert.NotEqual(
            AcsEmailRequest.OperationId(NotificationTestMessages.AlertMessage(80).Id),
            AcsEmailRequest.OperationId(NotificationTestMessages.AlertMessage(100).Id));
    }

    [Fact]
    public async Task Send_Throttled_RetriedThenSent()
    {
        _receiver.Answer((429, "{}"), (202, "{}"));

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal(2, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Send_BadRequest_PermanentWithoutTheBody()
    {
        _receiver.Answer((400, """{"error":{"code":"InvalidSenderUserName","message":"sender alice@example.com is bad"}}"""));

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.PermanentFailure, result.Status);
        Assert.Equal("HTTP 400", result.Detail);
    }

    [Fact]
    public async Task Send_NoRecipientAtAll_NotConfigured()
    {
        var message = NotificationTestMessages.AlertMessage() with { Recipients = [] };

        var result = await Channel(recipients: null).SendAsync(message, CancellationToken.None);

        Assert.Equal(ChannelSendStatus.NotConfigured, result.Status);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Send_KeyNameWithLineBreaks_SubjectOnOneLine()
    {
        var result = await Channel().SendAsync(NotificationTestMessages.HeaderInjectingAlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        using var json = JsonDocument.Parse(Assert.Single(_receiver.Requests).Body);
        var subject = json.RootElement.GetProperty("content").GetProperty("subject").GetString()!;
        Assert.Equal("KeyMeter: evil Bcc: victim@example.com fake body reached 80% of its daily budget", subject);
        Assert.DoesNotContain(json.RootElement.GetProperty("content").GetProperty("plainText").GetString()!.Split('\n'), line => line.StartsWith("Bcc:", StringComparison.Ordinal));
    }
}
