using System.Text.Json;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class InvocationDecoderTests
{
    [Theory]
    [InlineData("\"\\\"abc\\\"\"", JsonValueKind.String, "\"abc\"")]
    [InlineData("\"1\"", JsonValueKind.Number, "1")]
    [InlineData("\"[1,2]\"", JsonValueKind.Array, "[1,2]")]
    [InlineData("\"{\\\"a\\\":1}\"", JsonValueKind.Object, "{\"a\":1}")]
    [InlineData("\"abc\"", JsonValueKind.String, "\"abc\"")]
    [InlineData("\"088fb2b9aede42e7\"", JsonValueKind.String, "\"088fb2b9aede42e7\"")]
    [InlineData("\"2020-10-08T21:49:35Z\"", JsonValueKind.String, "\"2020-10-08T21:49:35Z\"")]
    [InlineData("{\"a\":1}", JsonValueKind.Object, "{\"a\":1}")]
    public void Normalize_StringHoldingJson_IsParsedOnce(string raw, JsonValueKind expectedKind, string expectedJson)
    {
        var normalized = InvocationDecoder.Normalize(JsonElement.Parse(raw));

        Assert.Equal(expectedKind, normalized.ValueKind);
        Assert.Equal(expectedJson, normalized.GetRawText());
    }

    [Theory]
    [InlineData("\"1\"", 1)]
    [InlineData("7", 7)]
    [InlineData("\"\\\"12\\\"\"", 12)]
    public void TryGetInt64_NumberInAnyEncoding_Parses(string raw, long expected)
    {
        Assert.True(InvocationDecoder.TryGetInt64(JsonElement.Parse(raw), out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void InvocationRequest_AnyCasing_DeserializesWithCaseInsensitiveKeys()
    {
        var request = HostFixtures.Parse("""{"data":{"Item":"x"},"METADATA":{"DeliveryCount":"1"}}""");

        Assert.True(request.Data.ContainsKey("item"));
        Assert.True(request.Metadata.TryGetValue("deliverycount", out var count));
        Assert.True(InvocationDecoder.TryGetInt64(count, out var value));
        Assert.Equal(1, value);
    }
}
