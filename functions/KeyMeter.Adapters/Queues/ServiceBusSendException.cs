namespace KeyMeter.Adapters.Queues;

/// <summary>Service Bus refused a batch after the pipeline's retries. Names the queue and status, never message bodies.</summary>
internal sealed class ServiceBusSendException(string queueName, int status, int messageCount)
    : Exception($"Service Bus queue '{queueName}' refused a batch of {messageCount} messages with status {status}.")
{
    public int Status { get; } = status;
}
