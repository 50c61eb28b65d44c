using System.Text;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableEntityJsonTests
{
    [Fact]
    public void ToUtf8_EveryType_AnnotatesThoseJsonCannotCarry()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "s",
            ["B"] = false,
            ["I"] = 7,
            ["L"] = 9_007_199_254_740_993L,
            ["D"] = 2.0,
            ["N"] = double.NaN,
            ["T"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)),
            ["U"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["G"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Y"] = new byte[] { 1, 2, 3 },
            ["Z"] = null,
        };

        var json = Encoding.UTF8.GetString(TableEntityJsonWriter.ToUtf8(entity).Span);

        Assert.Equal(
            "{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"S\":\"s\",\"B\":false,\"I\":7," +
            "\"L@odata.type\":\"Edm.Int64\",\"L\":\"9007199254740993\"," +
            "\"D@odata.type\":\"Edm.Double\",\"D\":2," +
            "\"N@odata.type\":\"Edm.Double\",\"N\":\"NaN\"," +
            "\"T@odata.type\":\"Edm.DateTime\",\"T\":\"2026-01-02T08:04:05.0000000Z\"," +
            "\"U@odata.type\":\"Edm.DateTime\",\"U\":\"2026-01-02T03:04:05.0000000Z\"," +
            "\"G@odata.type\":\"Edm.Guid\",\"G\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"," +
            "\"Y@odata.type\":\"Edm.Binary\",\"Y\":\"AQID\"}",
            json);
    }

    [Fact]
    public void ReadEntityResponse_MinimalMetadata_TypesFromAnnotationsWhicheverOrder()
    {
        const string json = """
            {"odata.metadata":"http://x/$metadata#t/@Element","odata.etag":"W/\"datetime'2026-01-01T00%3A00%3A00Z'\"",
             "PartitionKey":"p","RowKey":"r","Timestamp@odata.type":"Edm.DateTime","Timestamp":"2026-01-01T00:00:00.1234567Z",
             "L":"9223372036854775807","L@odata.type":"Edm.Int64",
             "D@odata.type":"Edm.Double","D":"Infinity","W":2.5,"I":3,"S":"text","B":true,
             "T@odata.type":"Edm.DateTime","T":"2026-02-03T04:05:06Z",
             "G@odata.type":"Edm.Guid","G":"0f8fad5b-d9cb-469f-a165-70867728950e",
             "Y@odata.type":"Edm.Binary","Y":"AQID"}
            """;

        var entity = TableEntityJsonReader.ReadEntityResponse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal("W/\"datetime'2026-01-01T00%3A00%3A00Z'\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(long.MaxValue, entity["L"]);
        Assert.Equal(double.PositiveInfinity, entity["D"]);
        Assert.Equal(2.5, entity["W"]);
        Assert.Equal(3, entity["I"]);
        Assert.Equal(3L, entity.GetInt64("I"));
        Assert.Equal(3.0, entity.GetDouble("I"));
        Assert.Equal("text", entity["S"]);
        Assert.Equal(true, entity["B"]);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), entity["T"]);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), entity["G"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, entity["Y"]);
        Assert.Equal(["L", "D", "W", "I", "S", "B", "T", "G", "Y"], entity.Properties.Keys);
    }

    [Fact]
    public void ReadQueryResponse_ValueArray_ReadsEachEntity()
    {
        var entities = TableEntityJsonReader.ReadQueryResponse(Encoding.UTF8.GetBytes(
            """{"value":[{"PartitionKey":"a","RowKey":"1"},{"PartitionKey":"a","RowKey":"2","X":1}]}"""));

        Assert.Equal(["1", "2"], entities.Select(e => e.RowKey));
        Assert.Equal(1, entities[1].GetInt32("X"));
    }

    [Fact]
    public void Getters_WrongType_ThrowNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["S"] = "text", ["L"] = 5L };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt64("S"));
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("L"));
        Assert.Null(entity.GetString("Missing"));
        Assert.Null(entity.GetInt64("Missing"));
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("X@odata.type")]
    [InlineData("")]
    public void Indexer_ReservedName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.ThrowsAny<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Indexer_UnsupportedType_Throws()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["F"] = 1.5f);
        Assert.Throws<ArgumentException>(() => entity["M"] = 1.5m);
    }

    [Fact]
    public void Indexer_LocalDateTime_StoredAsUtcDateTimeOffset()
    {
        var local = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

        var entity = new TableEntity("p", "r") { ["T"] = local };

        Assert.Equal(new DateTimeOffset(local.ToUniversalTime()), entity.GetDateTimeOffset("T"));
        Assert.Equal(TimeSpan.Zero, entity.GetDateTimeOffset("T")!.Value.Offset);
    }
}
