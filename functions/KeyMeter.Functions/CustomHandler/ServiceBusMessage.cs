using System.Text;
using System.Text.Json;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>One Service Bus message as delivered to a payload-mode function.</summary>
/// <param name="MessageId">The sender's message id (idempotency key).</param>
/// <param name="DeliveryCount">1 on the first delivery, +1 on each redelivery.</param>
/// <param name="EnqueuedTimeUtc">When the broker accepted the message, if sent.</param>
/// <param name="ContentType">The message content type, if sent.</param>
/// <param name="Body">
/// The raw UTF-8 (or, for <see cref="BodyEncoding.Base64"/>, binary) body; when <see cref="BodyError"/> is set, the
/// body's JSON value as it arrived.
/// </param>
internal sealed record ServiceBusMessage(
    string MessageId,
    int DeliveryCount,
    DateTimeOffset? EnqueuedTimeUtc,
    string? ContentType,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Why the body could not be decoded (not base64, not text), or null. Redelivering cannot change a body, so the
    /// function keeps such a message as poison and acknowledges it, instead of failing the invocation (and with it a
    /// whole batch) until Service Bus dead-letters it.
    /// </summary>
    public string? BodyError { get; init; }

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

        return DecodeResult<ServiceBusMessage>.Success(WithBody(raw, encoding, messageId, (int)deliveryCount, enqueued, contentType));
    }

    /// <summary>The message with its decoded body, or with <see cref="BodyError"/> and the raw value when it cannot be decoded.</summary>
    internal static ServiceBusMessage WithBody(JsonElement raw, BodyEncoding encoding, string messageId, int deliveryCount, DateTimeOffset? enqueued, string? contentType)
    {
        if (raw.ValueKind == JsonValueKind.Undefined)
        {
            return new ServiceBusMessage(messageId, deliveryCount, enqueued, contentType, ReadOnlyMemory<byte>.Empty) { BodyError = "the body is missing" };
        }

        return InvocationDecoder.TryGetBody(raw, encoding, out var body, out var error)
            ? new ServiceBusMessage(messageId, deliveryCount, enqueued, contentType, body)
            : new ServiceBusMessage(messageId, deliveryCount, enqueued, contentType, Encoding.UTF8.GetBytes(raw.GetRawText())) { BodyError = error };
    }
}
