using System.ComponentModel.DataAnnotations;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Secrets;
using KeyMeter.Functions.Proxy;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy.Providers;

public sealed class ProviderCatalogTests
{
    private static ProviderCatalog Catalog(ProvidersOptions options) => new(Options.Create(options));

    [Fact]
    public void Describe_Defaults_EachProviderSendsItsOwnSecretInItsOwnHeader()
    {
        var catalog = Catalog(new ProvidersOptions());

        var openAI = catalog.Get(KnownProviders.OpenAI);
        Assert.Equal((ProviderDialect.OpenAI, "https://api.openai.com/v1"), (openAI.Dialect, openAI.BaseUrl.AbsoluteUri));
        Assert.Equal(new ProviderCredential(SecretNames.OpenAIApiKey, "Authorization", "Bearer "), openAI.Credential);
        Assert.Empty(openAI.FixedHeaders);
        Assert.Equal(["priority", "scale"], openAI.SurchargedServiceTiers);

        var anthropic = catalog.Get(KnownProviders.Anthropic);
        Assert.Equal((ProviderDialect.Anthropic, "https://api.anthropic.com/"), (anthropic.Dialect, anthropic.BaseUrl.AbsoluteUri));
        Assert.Equal(new ProviderCredential(SecretNames.AnthropicApiKey, "x-api-key", ""), anthropic.Credential);
        Assert.Equal([KeyValuePair.Create("anthropic-version", "2023-06-01")], anthropic.DefaultHeaders);
        Assert.Empty(anthropic.SurchargedServiceTiers);
    }

    [Fact]
    public void Describe_NoTwoProvidersShareANameOrASecret()
    {
        var all = Catalog(new ProvidersOptions()).All;

        Assert.Equal(all.Count, all.Select(provider => provider.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Count, all.Select(provider => provider.Credential.SecretName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, provider => Assert.Contains(provider.Credential.SecretName, SecretNames.All));
    }

    [Fact]
    public void Describe_OpenAIOrganizationAndProject_AreFixedHeaders()
    {
        var options = new ProvidersOptions();
        options.OpenAI.Organization = "org-company";
        options.OpenAI.Project = "proj_company";

        var openAI = Catalog(options).Get(KnownProviders.OpenAI);

        Assert.Equal([KeyValuePair.Create("OpenAI-Organization", "org-company"), KeyValuePair.Create("OpenAI-Project", "proj_company")], openAI.FixedHeaders);
    }

    [Fact]
    public void Get_UnknownName_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog(new ProvidersOptions()).Get("mistral"));

        Assert.Contains("mistral", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_EachNamesAKnownProviderOfItsOwnDialect()
    {
        var catalog = Catalog(new ProvidersOptions());

        Assert.All(ProxyRoutes.All.Append(ProxyRoutes.CursorResponses), route => Assert.Equal(route.Dialect, catalog.Get(route.Provider).Dialect));
    }

    [Theory]
    [InlineData("Anthropic", "Organization")]
    [InlineData("Anthropic", "Project")]
    public void Validate_OpenAISettingOnAnotherProvider_NamesTheSetting(string provider, string setting)
    {
        var options = new ProvidersOptions();
        if (setting == "Organization")
        {
            options.Anthropic.Organization = "org-x";
        }
        else
        {
            options.Anthropic.Project = "proj_x";
        }

        var results = new ProvidersOptionsValidator().Validate(null, options);

        Assert.True(results.Failed);
        Assert.Contains($"KeyMeter__Providers__{provider}__{setting} is an OpenAI setting", results.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new ProvidersOptionsValidator().Validate(null, new ProvidersOptions()).Succeeded);

    [Fact]
    public void Validate_PlainHttpBaseUrl_NamesTheSetting()
    {
        var options = new ProvidersOptions();
        options.OpenAI.BaseUrl = new Uri("http://api.example.com/v1");

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(results, result => result.ErrorMessage!.StartsWith("KeyMeter__Providers__OpenAI__BaseUrl", StringComparison.Ordinal));
    }
}
