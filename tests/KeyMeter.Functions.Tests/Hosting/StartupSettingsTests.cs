using KeyMeter.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Hosting;

public sealed class StartupSettingsTests
{
    private static async Task<string> StartFailureAsync(params string[] settings)
    {
        string[] args = ["--urls=http://127.0.0.1:0", "--KeyMeter:Local:StartAzurite=false", .. settings];
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);
            await app.StartAsync();
        });
        return exception switch
        {
            OptionsValidationException validation => string.Join('\n', validation.Failures),
            AggregateException aggregate => string.Join('\n', aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(inner => inner.Failures)),
            _ => exception.Message,
        };
    }

    [Theory]
    [InlineData("--KeyMeter:Storage:ConnectionString=AccountName=acct", "KeyMeter__Storage__ConnectionString")]
    [InlineData("--KeyMeter:Storage:ConnectionString= ", "KeyMeter__Storage__ConnectionString")]
    [InlineData("--KeyMeter:Storage:TableServiceUri=http://example.com/tables", "KeyMeter__Storage__TableServiceUri")]
    [InlineData("--KeyMeter:Storage:TablePrefix=has-dash", "KeyMeter__Storage__TablePrefix")]
    [InlineData("--KeyMeter:KeyVaultUri=http://kv.vault.azure.net/", "KeyMeter__KeyVaultUri")]
    [InlineData("--KeyMeter:SecretCacheTtl=3.00:00:00", "KeyMeter__SecretCacheTtl")]
    [InlineData("--KeyMeter:Local:FunctionKey=short", "KeyMeter__Local__FunctionKey")]
    [InlineData("--KeyMeter:Providers:OpenAI:BaseUrl=http://api.example.com/v1", "KeyMeter__Providers__OpenAI__BaseUrl")]
    [InlineData("--KeyMeter:Proxy:MaxRequestBodyBytes=10", "KeyMeter__Proxy__MaxRequestBodyBytes")]
    [InlineData("--KeyMeter:Proxy:AdminContact= ", "KeyMeter__Proxy__AdminContact")]
    [InlineData("--KeyMeter:Providers:Anthropic:Organization=org-x", "KeyMeter__Providers__Anthropic__Organization")]
    [InlineData("--KeyMeter:Providers:Google:Models:0=gem*ini", "KeyMeter__Providers__Google__Models")]
    [InlineData("--FUNCTIONS_CUSTOMHANDLER_PORT=49999", "KeyMeter__ServiceBus__FullyQualifiedNamespace")]
    [InlineData("--KeyMeter:Manage:PlatformAuthentication=true", "KeyMeter__Manage__PlatformAuthentication")]
    public async Task StartAsync_InvalidSetting_FailsNamingTheSetting(string setting, string name)
    {
        var message = await StartFailureAsync(setting);

        Assert.Contains(name, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SeveralInvalidSettings_AllReportedAtOnce()
    {
        var message = await StartFailureAsync("--KeyMeter:Storage:TablePrefix=has-dash", "--KeyMeter:Local:FunctionKey=short");

        Assert.Contains("KeyMeter__Storage__TablePrefix", message, StringComparison.Ordinal);
        Assert.Contains("KeyMeter__Local__FunctionKey", message, StringComparison.Ordinal);
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
