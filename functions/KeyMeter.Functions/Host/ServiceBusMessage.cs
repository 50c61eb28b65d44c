namespace KeyMeter.Functions.Host;

/// <summary>One Service Bus message as delivered to a payload-mode function.</summary>
/// <param name="MessageId">The sender's message id (idempotency key).</param>
/// <param name="DeliveryCount">1 on the first delivery, +1 on each redelivery.</param>
/// <param name="EnqueuedTimeUtc">When the broker accepted the message, if sent.</param>
/// <param name="ContentType">The message content type, if sent.</param>
/// <param name="Body">The raw UTF-8 (or, for <see cref="BodyEncoding.Base64"/>, binary) body.</param>
internal sealed record ServiceBusMessage(
    string MessageId,
    int DeliveryCount,
    DateTimeOffset? EnqueuedTimeUtc,
    string? ContentType,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Decodes a single-message invocation (<c>cardinality</c> omitted or <c>one</c>): the body in
    /// <c>Data.{bindingName}</c>, <c>MessageId</c> and <c>DeliveryCount</c> in Metadata.
    /// </summary>
    public static DecodeResult<ServiceBusMessage> Decode(InvocationRequest request, string bindingName, BodyEncoding encoding = BodyEncoding.Text)
    {
        if (!request.Data.TryGetValue(bindingName, out var raw))
        {
            return DecodeResult<ServiceBusMessage>.Failure($"Data has no Service Bus binding '{bindingName}'.");
        }

        if (!InvocationDecoder.TryGetBody(raw, encoding, out var body, out var bodyError))
        {
            return DecodeResult<ServiceBusMessage>.Failure($"Data.{bindingName}: {bodyError}.");
        }

        if (!request.Metadata.TryGetValue("MessageId", out var id) || !InvocationDecoder.TryGetString(id, out var messageId))
        {
            return DecodeResult<ServiceBusMessage>.Failure("Metadata.MessageId is missing or not a string.");
        }

        if (!request.Metadata.TryGetValue("DeliveryCount", out var count)
            || !InvocationDecoder.TryGetInt64(count, out var deliveryCount)
            || deliveryCount is < 1 or > int.MaxValue)
        {
            return DecodeResult<ServiceBusMessage>.Failure("Metadata.DeliveryCount is missing or not a positive whole number.");
        }

        DateTimeOffset? enqueued = request.Metadata.TryGetValue("EnqueuedTimeUtc", out var time)
            && InvocationDecoder.TryGetDateTimeOffset(time, out var parsed) ? parsed : null;
        string? contentType = request.Metadata.TryGetValue("ContentType", out var type)
            && InvocationDecoder.TryGetString(type, out var typeText) ? typeText : null;

        return DecodeResult<ServiceBusMessage>.Success(new ServiceBusMessage(messageId, (int)deliveryCount, enqueued, contentType, body));
    }
}
