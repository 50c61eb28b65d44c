using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy.Providers;

public sealed class ModelRouterTests
{
    private static ModelRouter Router(Action<ProvidersOptions>? configure = null)
    {
        var options = new ProvidersOptions();
        configure?.Invoke(options);
        return new ModelRouter(new ProviderCatalog(Options.Create(options)));
    }

    [Theory]
    [InlineData("gpt-5", "openai")]
    [InlineData("gpt-4o-mini", "openai")]
    [InlineData("o3", "openai")]
    [InlineData("o4-mini", "openai")]
    [InlineData("chatgpt-4o-latest", "openai")]
    [InlineData("ft:gpt-4o-mini:acme::abc", "openai")]
    [InlineData("text-embedding-3-small", "openai")]
    [InlineData("gemini-2.5-pro", "google")]
    [InlineData("gemini-3-pro-preview", "google")]
    public void Route_OpenAIDialect_DefaultPatterns(string model, string provider)
    {
        var routed = Router().Route(ProviderDialect.OpenAI, model);

        Assert.Equal((provider, model, model), (routed!.Provider.Name, routed.UpstreamModel, routed.Model));
    }

    [Theory]
    [InlineData("claude-sonnet-4-6")]
    [InlineData("llama-3.1-70b")]
    [InlineData("")]
    [InlineData("anthropic/claude-sonnet-4-6")]
    [InlineData("openai/")]
    public void Route_OpenAIDialect_NoProviderOfThatDialect_IsNull(string model) =>
        Assert.Null(Router().Route(ProviderDialect.OpenAI, model));

    [Theory]
    [InlineData("claude-sonnet-4-6", "claude-sonnet-4-6")]
    [InlineData("anthropic/claude-sonnet-4-6", "claude-sonnet-4-6")]
    public void Route_RouteThatTranslatesToAnthropic_ClaudeGoesToAnthropic(string model, string upstream)
    {
        var routed = Router().Route(ProviderDialect.OpenAI, model, translates: ProviderDialect.Anthropic)!;

        Assert.Equal(("anthropic", upstream), (routed.Provider.Name, routed.UpstreamModel));
    }

    [Fact]
    public void Route_RouteThatTranslates_StillPrefersItsOwnDialectForItsModels() =>
        Assert.Equal("openai", Router().Route(ProviderDialect.OpenAI, "gpt-5", translates: ProviderDialect.Anthropic)!.Provider.Name);

    [Fact]
    public void Route_AnthropicDialect_ClaudeGoesToAnthropic() =>
        Assert.Equal("anthropic", Router().Route(ProviderDialect.Anthropic, "claude-opus-4-6")!.Provider.Name);

    [Theory]
    [InlineData("google/gemini-2.5-pro", "google", "gemini-2.5-pro")]
    [InlineData("openai/gpt-5", "openai", "gpt-5")]
    [InlineData("openai/some-model-outside-the-patterns", "openai", "some-model-outside-the-patterns")]
    public void Route_ProviderPrefix_NamesTheProviderAndIsStripped(string model, string provider, string upstream)
    {
        var routed = Router().Route(ProviderDialect.OpenAI, model)!;

        Assert.Equal((provider, upstream, upstream), (routed.Provider.Name, routed.UpstreamModel, routed.Model));
    }

    [Fact]
    public void Route_UnknownPrefix_IsPartOfTheId()
    {
        var routed = Router(options => options.OpenAI.Models.Add("meta-llama/*")).Route(ProviderDialect.OpenAI, "meta-llama/llama-3")!;

        Assert.Equal(("openai", "meta-llama/llama-3"), (routed.Provider.Name, routed.UpstreamModel));
    }

    [Fact]
    public void Route_ModelsSetting_ReplacesTheDefaults()
    {
        var router = Router(options => options.Google.Models.Add("gemma-*"));

        Assert.Equal("google", router.Route(ProviderDialect.OpenAI, "gemma-3-27b-it")!.Provider.Name);
        Assert.Null(router.Route(ProviderDialect.OpenAI, "gemini-2.5-pro"));
    }

    [Fact]
    public void Route_ExactIdBeatsALongerPrefix_AndTheLongerPrefixBeatsAShorterOne()
    {
        var router = Router(options =>
        {
            options.Google.Models.Add("gpt-oss-120b");
            options.Google.Models.Add("gpt-oss-*");
        });

        Assert.Equal("google", router.Route(ProviderDialect.OpenAI, "gpt-oss-120b")!.Provider.Name);
        Assert.Equal("google", router.Route(ProviderDialect.OpenAI, "gpt-oss-20b")!.Provider.Name);
        Assert.Equal("openai", router.Route(ProviderDialect.OpenAI, "gpt-5")!.Provider.Name);
    }

    [Theory]
    [InlineData("*gemini")]
    [InlineData("gem*ini")]
    [InlineData("")]
    public void Validate_MalformedPattern_NamesTheSetting(string pattern)
    {
        var options = new ProvidersOptions();
        options.Google.Models.Add(pattern);

        var result = new ProvidersOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("KeyMeter__Providers__Google__Models", result.FailureMessage, StringComparison.Ordinal);
    }
}
