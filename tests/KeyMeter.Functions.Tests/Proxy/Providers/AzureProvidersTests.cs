using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Secrets;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy.Providers;

/// <summary>The Azure providers: off without a base URL, their deployments routed under the model id, their settings validated.</summary>
public sealed class AzureProvidersTests
{
    private static ProvidersOptions Azure(params (string Model, string Deployment)[] deployments)
    {
        var options = new ProvidersOptions();
        options.AzureOpenAI.BaseUrl = new Uri("https://acme.openai.azure.com/openai/v1");
        options.AzureAnthropic.BaseUrl = new Uri("https://acme.services.ai.azure.com/anthropic");
        foreach (var (model, deployment) in deployments)
        {
            (model.StartsWith("claude", StringComparison.Ordinal) ? options.AzureAnthropic : options.AzureOpenAI).Deployments.Add(new ModelDeployment { Model = model, Deployment = deployment });
        }

        return options;
    }

    private static ModelRouter Router(ProvidersOptions options) => new(new ProviderCatalog(Options.Create(options)));

    private static string? Failure(ProvidersOptions options) => new ProvidersOptionsValidator().Validate(null, options) is { Failed: true } result ? result.FailureMessage : null;

    [Fact]
    public void Describe_WithoutBaseUrls_TheAzureProvidersAreAbsent()
    {
        var catalog = new ProviderCatalog(Options.Create(new ProvidersOptions()));

        Assert.Equal([KnownProviders.OpenAI, KnownProviders.Anthropic, KnownProviders.Google], catalog.All.Select(provider => provider.Name));
        Assert.Null(catalog.Find(KnownProviders.AzureOpenAI));
        Assert.Null(Router(new ProvidersOptions()).Route(ProviderDialect.OpenAI, "azure-openai/gpt-4.1"));
    }

    [Fact]
    public void Describe_AzureProviders_DialectPricesCredentialAndTiers()
    {
        var catalog = new ProviderCatalog(Options.Create(Azure(("gpt-4.1", "my-gpt41"))));

        var openAI = catalog.Get(KnownProviders.AzureOpenAI);
        Assert.Equal((ProviderDialect.OpenAI, PriceProviders.OpenAI, true), (openAI.Dialect, openAI.PriceProvider, openAI.ServesResponses));
        Assert.Equal(new ProviderCredential(SecretNames.AzureOpenAIApiKey, "api-key", "", "https://cognitiveservices.azure.com/.default", PreferToken: true), openAI.Credential);
        Assert.Equal(["priority"], openAI.SurchargedServiceTiers);
        Assert.Equal("https://acme.openai.azure.com/openai/v1/chat/completions", openAI.UrlOf("/chat/completions", "").AbsoluteUri);
        Assert.Equal("my-gpt41", openAI.Deployments["gpt-4.1"]);

        var anthropic = catalog.Get(KnownProviders.AzureAnthropic);
        Assert.Equal((ProviderDialect.Anthropic, PriceProviders.Anthropic), (anthropic.Dialect, anthropic.PriceProvider));
        Assert.Equal(new ProviderCredential(SecretNames.AzureAnthropicApiKey, "x-api-key", "", "https://ai.azure.com/.default", PreferToken: true), anthropic.Credential);
        Assert.Equal([KeyValuePair.Create("anthropic-version", "2023-06-01")], anthropic.DefaultHeaders);
        Assert.Equal("https://acme.services.ai.azure.com/anthropic/v1/messages", anthropic.UrlOf("/v1/messages", "").AbsoluteUri);

        Assert.Equal(5, catalog.All.Select(provider => provider.Credential.SecretName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(catalog.All, provider => Assert.Contains(provider.Credential.SecretName, SecretNames.All));
    }

    [Fact]
    public void Describe_AuthenticationKey_NoTokenPreferred()
    {
        var options = Azure();
        options.AzureOpenAI.Authentication = ProviderAuthentication.Key;

        Assert.False(new ProviderCatalog(Options.Create(options)).Get(KnownProviders.AzureOpenAI).Credential.PreferToken);
    }

    [Fact]
    public void Route_DeployedModel_GoesToItsDeploymentUnderItsModelId()
    {
        var routed = Router(Azure(("gpt-4.1", "my-gpt41"))).Route(ProviderDialect.OpenAI, "gpt-4.1")!;

        Assert.Equal((KnownProviders.AzureOpenAI, "my-gpt41", "gpt-4.1"), (routed.Provider.Name, routed.UpstreamModel, routed.Model));
    }

    [Fact]
    public void Route_DeployedModel_BeatsEveryPatternIncludingAnExactOne()
    {
        var options = Azure(("gpt-4.1", "my-gpt41"), ("claude-sonnet-4-5", "my-claude"));
        options.OpenAI.Models.Add("gpt-4.1");
        options.OpenAI.Models.Add("gpt-*");
        var router = Router(options);

        Assert.Equal(KnownProviders.AzureOpenAI, router.Route(ProviderDialect.OpenAI, "gpt-4.1")!.Provider.Name);
        Assert.Equal(KnownProviders.OpenAI, router.Route(ProviderDialect.OpenAI, "gpt-5")!.Provider.Name);
        var claude = router.Route(ProviderDialect.Anthropic, "claude-sonnet-4-5")!;
        Assert.Equal((KnownProviders.AzureAnthropic, "my-claude"), (claude.Provider.Name, claude.UpstreamModel));
        Assert.Equal(KnownProviders.Anthropic, router.Route(ProviderDialect.Anthropic, "claude-opus-4-6")!.Provider.Name);
    }

    [Fact]
    public void Route_DeployedModelOnTheOtherDialect_IsNotServedThere() =>
        Assert.Null(Router(Azure(("claude-sonnet-4-5", "my-claude"))).Route(ProviderDialect.OpenAI, "claude-sonnet-4-5"));

    [Theory]
    [InlineData("azure-openai/gpt-4.1", KnownProviders.AzureOpenAI, "my-gpt41", "gpt-4.1")]
    [InlineData("openai/gpt-4.1", KnownProviders.OpenAI, "gpt-4.1", "gpt-4.1")]
    [InlineData("azure-openai/gpt-4o", KnownProviders.AzureOpenAI, "gpt-4o", "gpt-4o")]
    public void Route_ProviderPrefix_NamesTheProviderAndUsesItsDeployment(string model, string provider, string upstream, string recorded)
    {
        var routed = Router(Azure(("gpt-4.1", "my-gpt41"))).Route(ProviderDialect.OpenAI, model)!;

        Assert.Equal((provider, upstream, recorded), (routed.Provider.Name, routed.UpstreamModel, routed.Model));
    }

    [Fact]
    public void Bind_DeploymentsFromEnvironmentStyleKeys_AndAnEmptyBaseUrlLeavesTheProviderOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KeyMeter:Providers:AzureOpenAI:BaseUrl"] = "https://acme.openai.azure.com/openai/v1",
            ["KeyMeter:Providers:AzureOpenAI:Deployments:0:Model"] = "gpt-4.1",
            ["KeyMeter:Providers:AzureOpenAI:Deployments:0:Deployment"] = "my-gpt41",
            ["KeyMeter:Providers:AzureOpenAI:Authentication"] = "Key",
            ["KeyMeter:Providers:AzureAnthropic:BaseUrl"] = "",
        }).Build();
        var options = new ProvidersOptions();

        configuration.GetSection(ProvidersOptions.SectionName).Bind(options);

        Assert.Null(Failure(options));
        Assert.Equal(("gpt-4.1", "my-gpt41"), (options.AzureOpenAI.Deployments[0].Model, options.AzureOpenAI.Deployments[0].Deployment));
        Assert.Equal(ProviderAuthentication.Key, options.AzureOpenAI.Authentication);
        Assert.Null(options.AzureAnthropic.BaseUrl);
    }

    [Theory]
    [InlineData("gpt-4.1", "my gpt", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Deployment must be a deployment name")]
    [InlineData("gpt-4.1", "", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Deployment must be a deployment name")]
    [InlineData("gpt-4.1", "a-deployment-name-that-is-far-too-long-for-azure-to-accept-at-all-x", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Deployment must be a deployment name")]
    [InlineData("gpt-4.1", "my\"gpt", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Deployment must be a deployment name")]
    [InlineData("", "my-gpt41", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Model must be a model id")]
    [InlineData("gpt-*", "my-gpt41", "KeyMeter__Providers__AzureOpenAI__Deployments__0__Model must be a model id")]
    public void Validate_BadDeployment_NamesTheSetting(string model, string deployment, string message) =>
        Assert.Contains(message, Failure(Azure((model, deployment))), StringComparison.Ordinal);

    [Fact]
    public void Validate_ModelDeployedTwiceAcrossProviders_NamesBothSettings()
    {
        var options = Azure(("claude-sonnet-4-5", "my-claude"));
        options.AzureOpenAI.Deployments.Add(new ModelDeployment { Model = "claude-sonnet-4-5", Deployment = "other" });

        Assert.Contains(
            "KeyMeter__Providers__AzureAnthropic__Deployments__0__Model 'claude-sonnet-4-5' is already deployed by KeyMeter__Providers__AzureOpenAI__Deployments__0",
            Failure(options),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Deployments")]
    [InlineData("Authentication")]
    public void Validate_AzureSettingOnAnotherProvider_NamesTheSetting(string setting)
    {
        var options = new ProvidersOptions();
        if (setting == "Deployments")
        {
            options.OpenAI.Deployments.Add(new ModelDeployment { Model = "gpt-4.1", Deployment = "x" });
        }
        else
        {
            options.Google.Authentication = ProviderAuthentication.ManagedIdentity;
        }

        Assert.Contains($"__{setting} is a setting of the Azure providers", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeploymentsWithoutBaseUrl_NamesTheBaseUrl()
    {
        var options = new ProvidersOptions();
        options.AzureOpenAI.Deployments.Add(new ModelDeployment { Model = "gpt-4.1", Deployment = "my-gpt41" });

        Assert.Contains("KeyMeter__Providers__AzureOpenAI__BaseUrl must be set", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AzureProvidersOffOrSetUp_Succeed()
    {
        Assert.Null(Failure(new ProvidersOptions()));
        Assert.Null(Failure(Azure(("gpt-4.1", "my-gpt41"), ("gpt-5", "gpt-5"), ("claude-sonnet-4-5", "claude-sonnet-4-5"))));
    }
}
