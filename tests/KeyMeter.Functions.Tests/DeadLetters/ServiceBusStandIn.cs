using System.Collections.Concurrent;
using System.Text.Json;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.DeadLetters;

/// <summary>
/// A loopback stand-in for one queue of the Service Bus REST API and its dead-letter queue: peek-lock receive of the
/// head (<c>POST {queue}/$DeadLetterQueue/messages/head</c>, 201 with <c>BrokerProperties</c> and the dead-letter reason
/// as custom-property headers, 204 when empty), delete and unlock under the lock, and send
/// (<c>POST {queue}/messages</c>) with duplicate detection on MessageId, which accepts a duplicate and silently drops it,
/// as the service does. Every request must carry a bearer token.
/// </summary>
internal sealed class ServiceBusStandIn : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly Lock _gate = new();
    private long _sequence;

    private ServiceBusStandIn(LoopbackServer server) => _server = server;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The queue's dead letters, oldest first.</summary>
    public List<StandInMessage> DeadLetters { get; } = [];

    /// <summary>What the queue accepted and kept.</summary>
    public List<StandInMessage> Queue { get; } = [];

    /// <summary>Ids the queue remembers for duplicate detection (everything sent within its window).</summary>
    public HashSet<string> SeenMessageIds { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, sends are answered with this status.</summary>
    public int? RefuseSendsWith { get; set; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ServiceBusStandIn> StartAsync(string queueName)
    {
        var standIn = new ServiceBusStandIn(new LoopbackServer());
        await standIn._server.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                standIn.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
                if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 401;
                    return;
                }

                await next(context);
            });
            app.MapPost($"/{queueName}/$DeadLetterQueue/messages/head", (HttpResponse response) => standIn.ReceiveAsync(response));
            app.MapDelete($"/{queueName}/$DeadLetterQueue/messages/{{sequence:long}}/{{lockToken}}", (long sequence, string lockToken) => standIn.Settle(sequence, lockToken, delete: true));
            app.MapPut($"/{queueName}/$DeadLetterQueue/messages/{{sequence:long}}/{{lockToken}}", (long sequence, string lockToken) => standIn.Settle(sequence, lockToken, delete: false));
            app.MapPost($"/{queueName}/messages", standIn.SendAsync);
        });
        return standIn;
    }

    /// <summary>A message sent to the queue that its consumer then failed ten times: remembered by id, and dead-lettered.</summary>
    public void DeadLetter(string messageId, string body)
    {
        lock (_gate)
        {
            SeenMessageIds.Add(messageId);
            DeadLetters.Add(new StandInMessage(++_sequence, messageId, System.Text.Encoding.UTF8.GetBytes(body), "application/json"));
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ReceiveAsync(HttpResponse response)
    {
        StandInMessage? message;
        lock (_gate)
        {
            message = DeadLetters.FirstOrDefault(candidate => candidate.LockToken is null);
            if (message is null)
            {
                response.StatusCode = 204;
                return;
            }

            message.LockToken = Guid.NewGuid().ToString();
            message.DeliveryCount++;
            response.Headers["BrokerProperties"] = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["DeliveryCount"] = message.DeliveryCount,
                ["LockToken"] = message.LockToken,
                ["MessageId"] = message.MessageId,
                ["SequenceNumber"] = message.SequenceNumber,
                ["EnqueuedTimeUtc"] = "Wed, 02 Dec 2026 10:00:00 GMT",
                ["State"] = "Active",
            });
            response.Headers["DeadLetterReason"] = "\"MaxDeliveryCountExceeded\"";
            response.Headers["DeadLetterErrorDescription"] = "\"Message could not be consumed after 10 delivery attempts.\"";
            response.Headers.Location = $"{BaseAddress}usage/$DeadLetterQueue/messages/{message.SequenceNumber}/{message.LockToken}";
            response.StatusCode = 201;
            response.ContentType = message.ContentType;
        }

        await response.Body.WriteAsync(message.Body);
    }

    private IResult Settle(long sequence, string lockToken, bool delete)
    {
        lock (_gate)
        {
            var message = DeadLetters.FirstOrDefault(candidate => candidate.SequenceNumber == sequence && candidate.LockToken == lockToken);
            if (message is null)
            {
                return Results.StatusCode(404);
            }

            if (delete)
            {
                DeadLetters.Remove(message);
            }
            else
            {
                message.LockToken = null;
            }

            return Results.Ok();
        }
    }

    private async Task<IResult> SendAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (RefuseSendsWith is { } status)
        {
            return Results.StatusCode(status);
        }

        var properties = JsonDocument.Parse(request.Headers["BrokerProperties"].ToString()).RootElement;
        var messageId = properties.GetProperty("MessageId").GetString()!;
        lock (_gate)
        {
            if (SeenMessageIds.Add(messageId))
            {
                Queue.Add(new StandInMessage(++_sequence, messageId, body.ToArray(), request.ContentType ?? string.Empty));
            }
        }

        return Results.StatusCode(201);
    }
}
