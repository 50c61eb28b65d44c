using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// A <c>"cardinality": "many"</c> Service Bus invocation: <c>Data.{bindingName}</c> is a JSON array of bodies (usually
/// inside a string) and Metadata carries parallel arrays <c>MessageIdArray</c>, <c>DeliveryCountArray</c>,
/// <c>EnqueuedTimeUtcArray</c>, ... (each native or string-encoded).
/// </summary>
/// <remarks>
/// The host settles the whole batch at once: a non-2xx answer abandons every message in it
/// (https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger, PeekLock behavior).
/// </remarks>
internal sealed class ServiceBusBatch(IReadOnlyList<ServiceBusMessage> messages)
{
    public IReadOnlyList<ServiceBusMessage> Messages { get; } = messages;

    public static DecodeResult<ServiceBusBatch> Decode(InvocationRequest request, string bindingName, BodyEncoding encoding = BodyEncoding.Text)
    {
        // 1. The bodies.
        if (!request.Data.TryGetValue(bindingName, out var raw))
        {
            return DecodeResult<ServiceBusBatch>.Failure($"Data has no Service Bus binding '{bindingName}'.");
        }

        if (!InvocationDecoder.TryGetArray(raw, out var bodyArray))
        {
            return DecodeResult<ServiceBusBatch>.Failure(
                $"Data.{bindingName} is not a JSON array of message bodies; is \"cardinality\": \"many\" missing from function.json?");
        }

        var bodies = bodyArray.EnumerateArray().ToArray();

        // 2. The parallel metadata arrays: ids and delivery counts are required, the rest optional.
        if (!TryGetParallel(request, "MessageIdArray", bindingName, bodies.Length, required: true, out var ids, out var error)
            || !TryGetParallel(request, "DeliveryCountArray", bindingName, bodies.Length, required: true, out var counts, out error)
            || !TryGetParallel(request, "EnqueuedTimeUtcArray", bindingName, bodies.Length, required: false, out var times, out error)
            || !TryGetParallel(request, "ContentTypeArray", bindingName, bodies.Length, required: false, out var types, out error))
        {
            return DecodeResult<ServiceBusBatch>.Failure(error);
        }

        // 3. One message per index.
        var messages = new ServiceBusMessage[bodies.Length];
        for (var i = 0; i < bodies.Length; i++)
        {
            if (!InvocationDecoder.TryGetString(ids[i], out var messageId))
            {
                return DecodeResult<ServiceBusBatch>.Failure($"Metadata.MessageIdArray[{i}] is not a string.");
            }

            if (!InvocationDecoder.TryGetInt64(counts[i], out var deliveryCount) || deliveryCount is < 1 or > int.MaxValue)
            {
                return DecodeResult<ServiceBusBatch>.Failure($"Metadata.DeliveryCountArray[{i}] is not a positive whole number.");
            }

            DateTimeOffset? enqueued = times.Length > 0 && InvocationDecoder.TryGetDateTimeOffset(times[i], out var time) ? time : null;
            string? contentType = types.Length > 0 && InvocationDecoder.TryGetString(types[i], out var type) ? type : null;
            messages[i] = ServiceBusMessage.WithBody(bodies[i], encoding, messageId, (int)deliveryCount, enqueued, contentType);
        }

        return DecodeResult<ServiceBusBatch>.Success(new ServiceBusBatch(messages));
    }

    private static bool TryGetParallel(
        InvocationRequest request,
        string key,
        string bindingName,
        int count,
        bool required,
        out JsonElement[] items,
        [NotNullWhen(false)] out string? error)
    {
        items = [];
        error = null;
        if (!request.Metadata.TryGetValue(key, out var raw))
        {
            error = required ? $"Metadata.{key} is missing." : null;
            return !required;
        }

        if (!InvocationDecoder.TryGetArray(raw, out var array))
        {
            error = $"Metadata.{key} is not a JSON array.";
            return false;
        }

        items = array.EnumerateArray().ToArray();
        if (items.Length != count)
        {
            error = $"Metadata.{key} has {items.Length} item(s) but Data.{bindingName} has {count} message body(ies).";
            return false;
        }

        return true;
    }
}
