using KeyMeter.Adapters.Secrets;
using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Configuration;

namespace KeyMeter.Adapters.Tests.Secrets;

public sealed class ConfigurationSecretSourceTests
{
    [Fact]
    public async Task GetAsync_SetEmptyAndMissing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KeyMeter:Secrets:OpenAIApiKey"] = "openai-value",
            ["KeyMeter:Secrets:AnthropicApiKey"] = " ",
        }).Build();
        using var source = new ConfigurationSecretSource(configuration);

        Assert.Equal("openai-value", await source.GetAsync(SecretNames.OpenAIApiKey, CancellationToken.None));
        Assert.Null(await source.GetAsync(SecretNames.AnthropicApiKey, CancellationToken.None));
        Assert.Null(await source.GetAsync(SecretNames.CursorAdminApiKey, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_AfterConfigurationReloads_TheEditedValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KeyMeter:Secrets:OpenAIApiKey"] = "first-value",
        }).Build();
        using var source = new ConfigurationSecretSource(configuration);
        Assert.Equal("first-value", await source.GetAsync(SecretNames.OpenAIApiKey, CancellationToken.None));

        // Kept until configuration reloads (an edited local.settings.json), then read again.
        configuration["KeyMeter:Secrets:OpenAIApiKey"] = "edited-value";
        Assert.Equal("first-value", await source.GetAsync(SecretNames.OpenAIApiKey, CancellationToken.None));
        configuration.Reload();
        Assert.Equal("edited-value", await source.GetAsync(SecretNames.OpenAIApiKey, CancellationToken.None));
    }
}
