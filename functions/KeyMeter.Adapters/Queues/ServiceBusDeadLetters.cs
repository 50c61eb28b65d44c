using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Core.Queues;

namespace KeyMeter.Adapters.Queues;

/// <summary>
/// <see cref="IDeadLetters"/> over the Service Bus REST API, with the same identity and Azure.Core pipeline as
/// <see cref="ServiceBusQueueSender"/> (the app's identity needs Data Receiver as well as Data Sender; the trigger already
/// does). A dead letter is taken under a peek-lock from <c>{queue}/$DeadLetterQueue</c>, sent to the queue with a new
/// message id (<see cref="ReplayMessageId"/>), then deleted under its lock; listing takes the locks and releases them.
/// </summary>
/// <remarks>
/// REST: https://learn.microsoft.com/rest/api/servicebus/peek-lock-message-non-destructive-read,
/// .../send-message-to-queue, .../delete-message, .../unlock-message. The REST API has no browse, so a listing locks
/// messages for a moment (which counts as a delivery of a dead letter, harmlessly).
/// </remarks>
internal sealed class ServiceBusDeadLetters : IDeadLetters
{
    private const string DeadLetterPath = "/$DeadLetterQueue";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _namespace;
    private readonly int _receiveTimeoutSeconds;

    public ServiceBusDeadLetters(string fullyQualifiedNamespace, TokenCredential credential, ServiceBusSenderOptions? options = null, int receiveTimeoutSeconds = 2)
    {
        _namespace = new Uri("https://" + fullyQualifiedNamespace.Trim().TrimEnd('/') + "/");
        _receiveTimeoutSeconds = receiveTimeoutSeconds;
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new ServiceBusSenderOptions(),
            new BearerTokenAuthenticationPolicy(credential, "https://servicebus.azure.net/.default"));
    }

    public async Task<DeadLetterListing> ListAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var locked = new List<LockedMessage>();
        try
        {
            // One more than asked, to know whether there are more.
            while (locked.Count <= max)
            {
                var (message, failedStatus) = await ReceiveAsync(queueName, cancellationToken);
                if (failedStatus is { } status)
                {
                    return new DeadLetterListing([], false) { Failure = Refused(queueName, status) };
                }

                if (message is null)
                {
                    break;
                }

                locked.Add(message);
            }
        }
        finally
        {
            // Released whatever happens; a lock that cannot be released expires after the queue's lock duration.
            foreach (var message in locked)
            {
                await SendAsync(RequestMethod.Put, message.LockUri, CancellationToken.None);
            }
        }

        return new DeadLetterListing([.. locked.Take(max).Select(message => new DeadLetter(message.MessageId, message.DeliveryCount, message.Reason))], locked.Count > max);
    }

    public async Task<DeadLetterReplay> ReplayAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var replayed = new List<ReplayedMessage>();
        while (replayed.Count < max && !cancellationToken.IsCancellationRequested)
        {
            // 1. The oldest dead letter, locked.
            var (message, failedStatus) = await ReceiveAsync(queueName, cancellationToken);
            if (failedStatus is { } status)
            {
                return new DeadLetterReplay(replayed, Refused(queueName, status));
            }

            if (message is null)
            {
                break;
            }

            // 2. Sent again under a new id; if that fails, released for a later replay.
            var replayId = ReplayMessageId.For(message.MessageId, Guid.NewGuid().ToString("N"));
            var sent = await SendMessageAsync(queueName, message, replayId, cancellationToken);
            if (sent != 201)
            {
                await SendAsync(RequestMethod.Put, message.LockUri, CancellationToken.None);
                return new DeadLetterReplay(replayed, $"Service Bus refused to send message {message.MessageId} to queue '{queueName}' (status {sent}); it stays dead-lettered.");
            }

            // 3. Removed from the dead-letter queue. If that fails it is listed again later; replaying it twice counts once.
            replayed.Add(new ReplayedMessage(message.MessageId, replayId));
            var deleted = await SendAsync(RequestMethod.Delete, message.LockUri, CancellationToken.None);
            if (deleted != 200)
            {
                return new DeadLetterReplay(replayed, $"Message {message.MessageId} was sent again but Service Bus did not remove it from the dead-letter queue (status {deleted}); replaying it again counts it once.");
            }
        }

        return new DeadLetterReplay(replayed, null);
    }

    /// <summary>The oldest dead letter under a peek-lock; neither when there is none; the status when Service Bus answered otherwise.</summary>
    private async Task<(LockedMessage? Message, int? FailedStatus)> ReceiveAsync(string queueName, CancellationToken cancellationToken)
    {
        var deadLetters = Uri.EscapeDataString(queueName) + DeadLetterPath;
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(_namespace, $"{deadLetters}/messages/head?timeout={_receiveTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}"));
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status == 204)
        {
            return (null, null);
        }

        BrokerProperties? properties = null;
        if (response.Status == 201 && response.Headers.TryGetValue("BrokerProperties", out var json))
        {
            try
            {
                properties = JsonSerializer.Deserialize(json, ServiceBusJsonContext.Default.BrokerProperties);
            }
            catch (JsonException)
            {
                properties = null;
            }
        }

        if (properties is not { LockToken.Length: > 0, SequenceNumber: { } sequence })
        {
            return (null, response.Status);
        }

        var lockUri = new Uri(_namespace, $"{deadLetters}/messages/{sequence.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(properties.LockToken)}");
        response.Headers.TryGetValue("Content-Type", out var contentType);
        var locked = new LockedMessage(
            properties.MessageId ?? sequence.ToString(CultureInfo.InvariantCulture),
            properties.DeliveryCount ?? 0,
            Reason(response),
            contentType,
            response.Content,
            lockUri);
        return (locked, null);
    }

    private static string Refused(string queueName, int status) =>
        $"Service Bus answered status {status} when reading the dead letters of queue '{queueName}'.";

    private async Task<int> SendMessageAsync(string queueName, LockedMessage original, string messageId, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(_namespace, Uri.EscapeDataString(queueName) + "/messages?timeout=60"));
        message.Request.Headers.Add("BrokerProperties", JsonSerializer.Serialize(new BrokerProperties { MessageId = messageId }, ServiceBusJsonContext.Default.BrokerProperties));
        message.Request.Headers.Add("Content-Type", original.ContentType ?? "application/octet-stream");
        message.Request.Content = RequestContent.Create(original.Body);
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status;
    }

    private async Task<int> SendAsync(RequestMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status;
    }

    /// <summary>
    /// The dead-letter reason and description, which the REST API returns as custom-property headers with JSON string
    /// values (<c>DeadLetterReason: "MaxDeliveryCountExceeded"</c>).
    /// </summary>
    private static string Reason(Response response)
    {
        var reason = Unquote(response.Headers.TryGetValue("DeadLetterReason", out var value) ? value : null) ?? "unknown";
        var description = Unquote(response.Headers.TryGetValue("DeadLetterErrorDescription", out var text) ? text : null);
        var combined = description is null ? reason : $"{reason}: {description}";
        return combined.Length <= 200 ? combined : combined[..200];
    }

    private static string? Unquote(string? value) =>
        value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
