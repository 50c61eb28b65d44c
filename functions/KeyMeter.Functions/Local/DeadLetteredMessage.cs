using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.Local;

/// <summary>A message parked after <see cref="LocalRuntimeOptions.MaxDeliveryCount"/> failed deliveries.</summary>
/// <param name="QueueName">The queue it was sent to.</param>
/// <param name="FunctionName">The function that kept failing.</param>
/// <param name="Message">The message as sent.</param>
/// <param name="DeliveryCount">Deliveries made.</param>
/// <param name="Reason">The last failure, e.g. <c>HTTP 500</c>.</param>
internal sealed record DeadLetteredMessage(string QueueName, string FunctionName, QueueMessage Message, int DeliveryCount, string Reason);
