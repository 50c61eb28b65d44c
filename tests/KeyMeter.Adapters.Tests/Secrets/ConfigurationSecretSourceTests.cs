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
        var source = new ConfigurationSecretSource(configuration);

        Assert.Equal("openai-value", await source.GetAsync(SecretNames.OpenAIApiKey, CancellationToken.None));
        Assert.Null(await source.GetAsync(SecretNames.AnthropicApiKey, CancellationToken.None));
        Assert.Null(await source.GetAsync(SecretNames.CursorAdminApiKey, CancellationToken.None));
    }
}
