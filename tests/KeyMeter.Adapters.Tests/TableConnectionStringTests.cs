using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

public sealed class TableConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcw==";

    [Fact]
    public void Parse_UseDevelopmentStorage_TargetsLocalAzuriteWithWellKnownAccount()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.Credential.AccountName);
    }

    [Fact]
    public void Parse_DevelopmentStorageExpanded_UsesTableEndpointAndSignsLikeWellKnownKey()
    {
        var expanded = TableDevelopmentStorage.ConnectionString(new Uri("http://127.0.0.1:51234/devstoreaccount1"));

        var parsed = TableConnectionString.Parse(expanded);

        Assert.Equal(new Uri("http://127.0.0.1:51234/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(
            new TableSharedKeyCredential(TableDevelopmentStorage.AccountName, TableDevelopmentStorage.AccountKey).ComputeSignature("x"),
            parsed.Credential.ComputeSignature("x"));
    }

    [Fact]
    public void Parse_AccountWithEndpointSuffix_BuildsTableEndpoint()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://acme.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal("acme", parsed.Credential.AccountName);
    }

    [Fact]
    public void Parse_AccountWithoutSuffixOrProtocol_DefaultsToHttpsPublicCloud()
    {
        var parsed = TableConnectionString.Parse($" accountname = acme ; ACCOUNTKEY={Key} ;");

        Assert.Equal(new Uri("https://acme.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_ExplicitTableEndpoint_WinsOverSuffix()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acme;AccountKey={Key};EndpointSuffix=ignored.net;TableEndpoint=https://tables.example.com/acme");

        Assert.Equal(new Uri("https://tables.example.com/acme"), parsed.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=acme;EndpointSuffix=core.windows.net", "AccountKey")]
    [InlineData("AccountName=acme;AccountKey=", "AccountKey")]
    [InlineData("AccountKey=c2VjcmV0LWtleS1ieXRlcw==;EndpointSuffix=core.windows.net", "AccountName")]
    public void Parse_MissingSetting_ThrowsFormatExceptionNamingIt(string connectionString, string missing)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyNotBase64_ThrowsWithoutEchoingKey()
    {
        const string badKey = "not*base64*secret";

        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse($"AccountName=acme;AccountKey={badKey}"));

        Assert.Contains("base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(badKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(badKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=acme;AccountKey=c2VjcmV0LWtleS1ieXRlcw==;TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("AccountName=acme;AccountKey=c2VjcmV0LWtleS1ieXRlcw==;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=acme;SharedAccessSignature=sv=2020&sig=abc", "SharedAccessSignature")]
    public void Parse_UnusableSetting_ThrowsFormatExceptionNamingIt(string connectionString, string setting)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SegmentWithoutEquals_ThrowsWithoutEchoingString()
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse($"AccountName=acme;{Key}"));

        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Credential_DoesNotRevealKey()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acme;AccountKey={Key}");

        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, parsed.Credential.ToString(), StringComparison.Ordinal);
    }
}
