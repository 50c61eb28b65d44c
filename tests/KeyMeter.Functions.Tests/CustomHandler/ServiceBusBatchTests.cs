using System.Text;
using System.Text.Json.Nodes;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class ServiceBusBatchTests
{
    [Fact]
    public void Decode_ManyFixture_PairsBodiesWithParallelMetadata()
    {
        var request = HostFixtures.Read("servicebus-many.json");

        var decoded = ServiceBusBatch.Decode(request, "records");

        Assert.True(decoded.Succeeded, decoded.Error);
        var messages = decoded.Value.Messages;
        Assert.Equal(["""{"id":"u-1","tokens":12}""", "plain text body", """{"id":"u-3"}"""], messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal(["u-1", "u-2", "u-3"], messages.Select(m => m.MessageId));
        Assert.Equal([1, 2, 1], messages.Select(m => m.DeliveryCount));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, 123, TimeSpan.Zero), messages[0].EnqueuedTimeUtc);
        Assert.Equal(["application/json", "text/plain", "application/json"], messages.Select(m => m.ContentType));
    }

    [Fact]
    public void Decode_NativeArrays_Accepted()
    {
        var request = HostFixtures.Parse("""
            {"Data":{"records":["a","{\"b\":2}"]},"Metadata":{"MessageIdArray":["1","2"],"DeliveryCountArray":[4,"5"]}}
            """);

        var decoded = ServiceBusBatch.Decode(request, "records");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal(["a", """{"b":2}"""], decoded.Value.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([4, 5], decoded.Value.Messages.Select(m => m.DeliveryCount));
        Assert.All(decoded.Value.Messages, m => Assert.Null(m.EnqueuedTimeUtc));
    }

    [Theory]
    [InlineData("MessageIdArray", "[\"u-1\",\"u-2\"]", "Metadata.MessageIdArray has 2 item(s) but Data.records has 3 message body(ies).")]
    [InlineData("DeliveryCountArray", "[1,1,1,1]", "Metadata.DeliveryCountArray has 4 item(s)")]
    [InlineData("EnqueuedTimeUtcArray", "[]", "Metadata.EnqueuedTimeUtcArray has 0 item(s)")]
    [InlineData("DeliveryCountArray", "\"1\"", "Metadata.DeliveryCountArray is not a JSON array.")]
    [InlineData("DeliveryCountArray", "[1,\"x\",1]", "Metadata.DeliveryCountArray[1] is not a positive whole number.")]
    public void Decode_InconsistentMetadata_FailsWithClearMessage(string key, string value, string expected)
    {
        var payload = JsonNode.Parse(HostFixtures.ReadText("servicebus-many.json"))!;
        payload["Metadata"]![key] = JsonNode.Parse(value);

        var decoded = ServiceBusBatch.Decode(HostFixtures.Parse(payload.ToJsonString()), "records");

        Assert.False(decoded.Succeeded);
        Assert.Contains(expected, decoded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingMessageIdArray_Fails()
    {
        var payload = JsonNode.Parse(HostFixtures.ReadText("servicebus-many.json"))!;
        payload["Metadata"]!.AsObject().Remove("MessageIdArray");

        var decoded = ServiceBusBatch.Decode(HostFixtures.Parse(payload.ToJsonString()), "records");

        Assert.False(decoded.Succeeded);
        Assert.Equal("Metadata.MessageIdArray is missing.", decoded.Error);
    }

    [Fact]
    public void Decode_SingleMessagePayload_FailsWithCardinalityHint()
    {
        var decoded = ServiceBusBatch.Decode(HostFixtures.Read("servicebus-single.json"), "myQueueItem");

        Assert.False(decoded.Succeeded);
        Assert.Contains("\"cardinality\": \"many\"", decoded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EmptyBatch_HasNoMessages()
    {
        var request = HostFixtures.Parse("""{"Data":{"records":"[]"},"Metadata":{"MessageIdArray":"[]","DeliveryCountArray":"[]"}}""");

        var decoded = ServiceBusBatch.Decode(request, "records");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Empty(decoded.Value.Messages);
    }
}
