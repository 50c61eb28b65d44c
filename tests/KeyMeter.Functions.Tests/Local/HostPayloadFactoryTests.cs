using System.Text;
using System.Text.Json;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;

namespace KeyMeter.Functions.Tests.Local;

public sealed class HostPayloadFactoryTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ServiceBusBatch_Messages_UseTheHostsStringEncodedArrays()
    {
        var function = new ServiceBusFunctionDefinition("aggregate", "records", false, "usage", null, ServiceBusCardinality.Many, BodyEncoding.Text);

        var request = Roundtrip(HostPayloadFactory.ServiceBusBatch(function, [Pending("a", """{"n":1}""", 1), Pending("b", "text", 2)], 3, Now));

        // Every value is a JSON string holding JSON, as JsonConvert.SerializeObject leaves it.
        Assert.Equal(JsonValueKind.String, request.Data["records"].ValueKind);
        Assert.Equal("""["{\"n\":1}","text"]""", request.Data["records"].GetString());
        Assert.Equal("""["a","b"]""", request.Metadata["MessageIdArray"].GetString());
        Assert.Equal("[3,3]", request.Metadata["DeliveryCountArray"].GetString());
        Assert.Equal("[1,2]", request.Metadata["SequenceNumberArray"].GetString());
        Assert.Equal("""["2025-01-01T09:59:00Z","2025-01-01T09:59:00Z"]""", request.Metadata["EnqueuedTimeUtcArray"].GetString());
        Assert.Equal("aggregate", request.Metadata["sys"].GetProperty("MethodName").GetString());

        var batch = ServiceBusBatch.Decode(request, "records");
        Assert.True(batch.Succeeded, batch.Error);
        Assert.Equal(["""{"n":1}""", "text"], batch.Value.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal(["a", "b"], batch.Value.Messages.Select(m => m.MessageId));
        Assert.All(batch.Value.Messages, m => Assert.Equal(3, m.DeliveryCount));
    }

    [Fact]
    public void ServiceBusMessage_Message_IsDoubleEncodedLikeTheCapturedPayload()
    {
        var function = new ServiceBusFunctionDefinition("notify", "alert", false, "alerts", null, ServiceBusCardinality.One, BodyEncoding.Text);

        var request = Roundtrip(HostPayloadFactory.ServiceBusMessage(function, Pending("088f", """{"hello":"world"}""", 7), 2, Now));

        Assert.Equal("\"{\\\"hello\\\":\\\"world\\\"}\"", request.Data["alert"].GetString());
        Assert.Equal("\"088f\"", request.Metadata["MessageId"].GetString());
        Assert.Equal("2", request.Metadata["DeliveryCount"].GetString());
        Assert.Equal("7", request.Metadata["SequenceNumber"].GetString());
        var message = ServiceBusMessage.Decode(request, "alert");
        Assert.True(message.Succeeded, message.Error);
        Assert.Equal(("088f", 2, """{"hello":"world"}"""), (message.Value.MessageId, message.Value.DeliveryCount, Encoding.UTF8.GetString(message.Value.Body.Span)));
    }

    [Fact]
    public void ServiceBusBatch_BinaryDataType_SendsBase64Bodies()
    {
        var function = new ServiceBusFunctionDefinition("f", "m", false, "q", null, ServiceBusCardinality.Many, BodyEncoding.Base64);
        var bytes = new byte[] { 0, 1, 254, 255 };
        var pending = new PendingMessage(new QueueMessage("x", bytes, "application/octet-stream"), 1, Now);

        var batch = ServiceBusBatch.Decode(Roundtrip(HostPayloadFactory.ServiceBusBatch(function, [pending], 1, Now)), "m", BodyEncoding.Base64);

        Assert.True(batch.Succeeded, batch.Error);
        Assert.Equal(bytes, batch.Value.Messages[0].Body.ToArray());
    }

    private static PendingMessage Pending(string id, string body, long sequenceNumber) =>
        new(new QueueMessage(id, Encoding.UTF8.GetBytes(body)), sequenceNumber, Now.AddMinutes(-1));

    // Through the wire format, as the endpoint would read it.
    private static InvocationRequest Roundtrip(InvocationRequest request) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(request, HostJsonContext.Default.InvocationRequest), HostJsonContext.Default.InvocationRequest)!;
}
