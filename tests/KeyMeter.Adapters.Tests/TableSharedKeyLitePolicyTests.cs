using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableSharedKeyLitePolicyTests
{
    private const string Date = "Sun, 22 Nov 2026 01:47:52 GMT";

    [Fact]
    public void BuildStringToSign_AzuritePathStyle_RepeatsAccountBeforePath()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(Date, "devstoreaccount1", new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables"));

        Assert.Equal($"{Date}\n/devstoreaccount1/devstoreaccount1/Tables", stringToSign);
    }

    [Fact]
    public void BuildStringToSign_QueryWithoutComp_IgnoresQuery()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(
            Date, "acme", new Uri("https://acme.table.core.windows.net/orders()?$filter=PartitionKey%20eq%20%27a%27&$top=5"));

        Assert.Equal($"{Date}\n/acme/orders()", stringToSign);
    }

    [Fact]
    public void BuildStringToSign_CompParameter_AppendsOnlyComp()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(Date, "myaccount", new Uri("https://myaccount.table.core.windows.net/mytable?restype=x&comp=acl"));

        Assert.Equal($"{Date}\n/myaccount/mytable?comp=acl", stringToSign);
    }

    [Fact]
    public void BuildStringToSign_EncodedKeysInPath_KeepsEncodingAsSent()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(
            Date, "acme", new Uri("https://acme.table.core.windows.net/t(PartitionKey='O%27%27Brien',RowKey='%C3%A9')"));

        Assert.Equal($"{Date}\n/acme/t(PartitionKey='O%27%27Brien',RowKey='%C3%A9')", stringToSign);
    }

    [Theory]
    [InlineData("Sun, 22 Nov 2026 01:47:52 GMT\n/devstoreaccount1/devstoreaccount1/Tables", "cPVGAzKtkT8ji6YqVCYeUiYGKzAi2ulRcyxoeo2qZ6A=")]
    [InlineData("Sun, 22 Nov 2026 01:47:52 GMT\n/myaccount/mytable?comp=acl", "72IpOSPXoBNIWnJZDjuYgXghsBpu+e3PcRq3C0EfX48=")]
    public void ComputeSignature_WellKnownKey_MatchesIndependentHmac(string stringToSign, string expected)
    {
        // Expected values computed with Python's hmac/hashlib over the same key and string.
        var credential = new TableSharedKeyCredential(TableDevelopmentStorage.AccountName, TableDevelopmentStorage.AccountKey);

        Assert.Equal(expected, credential.ComputeSignature(stringToSign));
    }
}
