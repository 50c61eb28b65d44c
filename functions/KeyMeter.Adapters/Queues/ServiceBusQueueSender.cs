using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Core.Queues;

namespace KeyMeter.Adapters.Queues;

/// <summary>
/// <see cref="IQueueSender"/> over the Service Bus REST API (Azure.Messaging.ServiceBus is not in the package feed):
/// batch send with <c>application/vnd.microsoft.servicebus.json</c>, <c>MessageId</c> as a broker property so the
/// queue's duplicate detection applies, an Entra token for <c>https://servicebus.azure.net</c>, and Azure.Core's
/// retries with backoff (https://learn.microsoft.com/rest/api/servicebus/send-message-batch).
/// </summary>
internal sealed class ServiceBusQueueSender : IQueueSender
{
    /// <summary>Service Bus takes at most 100 messages per transaction and 256 KB per Standard-tier batch.</summary>
    public const int MaxMessagesPerBatch = 100;
    public const int MaxBatchBytes = 192 * 1024;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _namespace;

    public ServiceBusQueueSender(string fullyQualifiedNamespace, TokenCredential credential, ServiceBusSenderOptions? options = null)
    {
        _namespace = new Uri("https://" + fullyQualifiedNamespace.Trim().TrimEnd('/') + "/");
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new ServiceBusSenderOptions(),
            new BearerTokenAuthenticationPolicy(credential, "https://servicebus.azure.net/.default"));
    }

    public async Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var batch in ServiceBusBatches.Split(messages, MaxMessagesPerBatch, MaxBatchBytes))
        {
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(new Uri(_namespace, Uri.EscapeDataString(queueName) + "/messages?timeout=60"));
            request.Headers.Add("Content-Type", "application/vnd.microsoft.servicebus.json");
            request.Content = RequestContent.Create(ServiceBusBatches.Serialize(batch));
            await _pipeline.SendAsync(message, cancellationToken);
            if (message.Response.Status != 201)
            {
                throw new ServiceBusSendException(queueName, message.Response.Status, batch.Count);
            }
        }
    }
}
