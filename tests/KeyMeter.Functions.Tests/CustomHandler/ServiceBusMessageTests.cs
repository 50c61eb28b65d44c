using System.Text;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class ServiceBusMessageTests
{
    [Fact]
    public void Decode_CapturedSingleMessagePayload_ReadsBodyAndMetadata()
    {
        var request = HostFixtures.Read("servicebus-single.json");

        var decoded = ServiceBusMessage.Decode(request, "myQueueItem");

        Assert.True(decoded.Succeeded, decoded.Error);
        var message = decoded.Value;
        Assert.Equal("""{"hello":"world"}""", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("088fb2b9aede42e7a154dbc7f803a566", message.MessageId);
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2020, 10, 8, 21, 49, 35, 809, TimeSpan.Zero), message.EnqueuedTimeUtc);
        Assert.Equal("application/json", message.ContentType);
    }

    [Theory]
    [InlineData("\"\\\"abc\\\"\"", "abc")] // double-encoded string, as the host sends it
    [InlineData("\"plain text\"", "plain text")] // a plain string
    [InlineData("\"{\\\"a\\\":1}\"", "{\"a\":1}")] // an object inside a string
    [InlineData("{\"a\":1}", "{\"a\":1}")] // an object
    [InlineData("[1,2]", "[1,2]")] // an array
    public void Decode_BodyForms_YieldRawBodyText(string dataValue, string expectedBody)
    {
        var request = HostFixtures.Parse("""{"Data":{"item":""" + dataValue + """},"Metadata":{"MessageId":"\"m-1\"","DeliveryCount":"2"}}""");

        var decoded = ServiceBusMessage.Decode(request, "item");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal(expectedBody, Encoding.UTF8.GetString(decoded.Value.Body.Span));
        Assert.Equal(2, decoded.Value.DeliveryCount);
    }

    [Fact]
    public void Decode_NativeMetadataValues_Accepted()
    {
        var request = HostFixtures.Parse("""{"Data":{"item":"x"},"Metadata":{"MessageId":"m-1","DeliveryCount":3}}""");

        var decoded = ServiceBusMessage.Decode(request, "item");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal("m-1", decoded.Value.MessageId);
        Assert.Equal(3, decoded.Value.DeliveryCount);
        Assert.Null(decoded.Value.EnqueuedTimeUtc);
    }

    [Fact]
    public void Decode_Base64Body_ReturnsBytes()
    {
        var request = HostFixtures.Parse("""{"Data":{"item":"\"AAEC/w==\""},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"1"}}""");

        var decoded = ServiceBusMessage.Decode(request, "item", BodyEncoding.Base64);

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, decoded.Value.Body.ToArray());
    }

    [Theory]
    [InlineData("""{"Data":{"other":"x"},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"1"}}""", "no Service Bus binding 'item'")]
    [InlineData("""{"Data":{"item":"x"},"Metadata":{"DeliveryCount":"1"}}""", "Metadata.MessageId is missing")]
    [InlineData("""{"Data":{"item":"x"},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"\"many\""}}""", "Metadata.DeliveryCount")]
    [InlineData("""{"Data":{"item":"x"},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"0"}}""", "Metadata.DeliveryCount")]
    [InlineData("""{"Data":{"item":"x"},"Metadata":{"MessageId":{"a":1},"DeliveryCount":"1"}}""", "Metadata.MessageId is missing or not a string")]
    public void Decode_BadPayload_FailsWithReason(string json, string expected)
    {
        var decoded = ServiceBusMessage.Decode(HostFixtures.Parse(json), "item");

        Assert.False(decoded.Succeeded);
        Assert.Contains(expected, decoded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Base64BodyNotBase64_MessageWithBodyError()
    {
        var request = HostFixtures.Parse("""{"Data":{"item":"\"not base64!\""},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"1"}}""");

        var decoded = ServiceBusMessage.Decode(request, "item", BodyEncoding.Base64);

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Contains("not valid base64", decoded.Value.BodyError, StringComparison.Ordinal);
        Assert.Equal("m", decoded.Value.MessageId);
    }

    [Theory]
    [InlineData("""{"Data":{"item":"\ud800"},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"1"}}""")]
    [InlineData("""{"Data":{"item":"\"\\ud800x\""},"Metadata":{"MessageId":"\"m\"","DeliveryCount":"1"}}""")]
    public void Decode_BodyWithLoneSurrogate_MessageWithBodyErrorAndRawValue(string payload)
    {
        var decoded = ServiceBusMessage.Decode(HostFixtures.Parse(payload), "item");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Contains("not valid text", decoded.Value.BodyError, StringComparison.Ordinal);
        Assert.Contains("ud800", System.Text.Encoding.UTF8.GetString(decoded.Value.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MessageIdWithLoneSurrogate_Fails()
    {
        var decoded = ServiceBusMessage.Decode(HostFixtures.Parse("""{"Data":{"item":"x"},"Metadata":{"MessageId":"\ud800","DeliveryCount":"1"}}"""), "item");

        Assert.False(decoded.Succeeded);
        Assert.Contains("MessageId", decoded.Error, StringComparison.Ordinal);
    }
}
