using System.Text;
using System.Text.Json;
using KeyMeter.Core.Queues;

namespace KeyMeter.Adapters.Queues;

/// <summary>Splits messages into batches Service Bus accepts and writes a batch in its REST JSON shape.</summary>
internal static class ServiceBusBatches
{
    public static IEnumerable<IReadOnlyList<QueueMessage>> Split(IReadOnlyList<QueueMessage> messages, int maxCount, int maxBytes)
    {
        var batch = new List<QueueMessage>();
        var bytes = 0;
        foreach (var message in messages)
        {
            var size = message.Body.Length + message.MessageId.Length + 64;
            if (batch.Count > 0 && (batch.Count == maxCount || bytes + size > maxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(message);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary><c>[{"Body": "...", "BrokerProperties": {"MessageId": "...", "ContentType": "..."}}]</c>.</summary>
    public static BinaryData Serialize(IReadOnlyList<QueueMessage> batch)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var message in batch)
            {
                json.WriteStartObject();
                json.WriteString("Body", Encoding.UTF8.GetString(message.Body.Span));
                json.WriteStartObject("BrokerProperties");
                json.WriteString("MessageId", message.MessageId);
                json.WriteString("ContentType", message.ContentType);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return new BinaryData(stream.ToArray());
    }
}
