using KeyMeter.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Hosting;

public sealed class StartupSettingsTests
{
    private static async Task<string> StartFailureAsync(params string[] settings)
    {
        string[] args = ["--urls=http://127.0.0.1:0", "--KeyMeter:Local:StartAzurite=false", .. settings];
        await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        return exception is OptionsValidationException validation ? string.Join('\n', validation.Failures) : exception.Message;
    }

    [Theory]
    [InlineData("--KeyMeter:Storage:ConnectionString=AccountName=acct", "KeyMeter__Storage__ConnectionString")]
    [InlineData("--KeyMeter:Storage:ConnectionString= ", "KeyMeter__Storage__ConnectionString")]
    [InlineData("--KeyMeter:Storage:TableServiceUri=http://example.com/tables", "KeyMeter__Storage__TableServiceUri")]
    [InlineData("--KeyMeter:Storage:TablePrefix=has-dash", "KeyMeter__Storage__TablePrefix")]
    [InlineData("--KeyMeter:KeyVaultUri=http://kv.vault.azure.net/", "KeyMeter__KeyVaultUri")]
    [InlineData("--KeyMeter:SecretCacheTtl=3.00:00:00", "KeyMeter__SecretCacheTtl")]
    [InlineData("--KeyMeter:Local:FunctionKey=short", "KeyMeter__Local__FunctionKey")]
    public async Task StartAsync_InvalidSetting_FailsNamingTheSetting(string setting, string name)
    {
        var message = await StartFailureAsync(setting);

        Assert.Contains(name, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidSetting_DoesNotEchoAccountKey()
    {
        var message = await StartFailureAsync("--KeyMeter:Storage:ConnectionString=AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;Foo");

        Assert.DoesNotContain("c2VjcmV0LWtleS12YWx1ZQ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EmptyOptionalUris_TreatedAsUnset()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0", "--KeyMeter:Local:StartAzurite=false",
            "--KeyMeter:KeyVaultUri=", "--KeyMeter:Storage:TableServiceUri=",
        ];
        await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public void Detect_HostPortSet_UnderFunctionsHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HostingMode.PortVariable] = "49152" }).Build();

        var mode = HostingMode.Detect(configuration);

        Assert.True(mode.UnderFunctionsHost);
        Assert.Equal(49152, mode.HostPort);
    }

    [Fact]
    public void Detect_NoHostPort_Local() =>
        Assert.True(HostingMode.Detect(new ConfigurationBuilder().Build()).IsLocal);

    [Fact]
    public void Detect_BadHostPort_Throws()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HostingMode.PortVariable] = "http" }).Build();

        Assert.Throws<InvalidOperationException>(() => { _ = HostingMode.Detect(configuration); });
    }
}
