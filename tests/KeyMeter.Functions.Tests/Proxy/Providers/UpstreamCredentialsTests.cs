using Azure.Identity;
using KeyMeter.Core.Secrets;
using KeyMeter.Functions.Proxy.Providers;
using KeyMeter.Functions.Tests.Local;
using KeyMeter.Functions.Tests.Notifications;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy.Providers;

/// <summary>Which header authenticates a call: the managed identity's token for the Azure providers, else (or as the fallback) the key.</summary>
public sealed class UpstreamCredentialsTests
{
    private const string AzureKey = "test-azure-openai-resource-key";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLoggerProvider _logs = new();
    private readonly FakeTokenCredential _identity;

    public UpstreamCredentialsTests() => _identity = new FakeTokenCredential(_time);

    private UpstreamCredentials Credentials(Dictionary<string, string>? secrets = null) =>
        new(new DictionarySecrets(secrets ?? []), _identity, _time, new Logger<UpstreamCredentials>(new LoggerFactory([_logs])));

    private static ProviderDescription Provider(string name, Action<ProvidersOptions>? configure = null)
    {
        var options = new ProvidersOptions();
        options.AzureOpenAI.BaseUrl = new Uri("https://acme.openai.azure.com/openai/v1");
        options.AzureAnthropic.BaseUrl = new Uri("https://acme.services.ai.azure.com/anthropic");
        configure?.Invoke(options);
        return new ProviderCatalog(Options.Create(options)).Get(name);
    }

    [Theory]
    [InlineData(KnownProviders.AzureOpenAI, "https://cognitiveservices.azure.com/.default")]
    [InlineData(KnownProviders.AzureAnthropic, "https://ai.azure.com/.default")]
    public async Task Get_AzureProvider_BearerTokenOfItsScope(string provider, string scope)
    {
        var credentials = Credentials(new() { [SecretNames.AzureOpenAIApiKey] = AzureKey });

        var header = await credentials.GetAsync(Provider(provider), CancellationToken.None);

        Assert.Equal(new UpstreamAuthorization("Authorization", "Bearer " + FakeTokenCredential.TokenNumber(1)), header);
        Assert.Equal([scope], _identity.Scopes);
    }

    [Fact]
    public async Task Get_SameKeyAgain_TheSameHeaderWithoutBuildingItAgain()
    {
        var secrets = new Dictionary<string, string> { [SecretNames.OpenAIApiKey] = "sk-company-key" };
        var credentials = Credentials(secrets);

        var first = await credentials.GetAsync(Provider(KnownProviders.OpenAI), CancellationToken.None);
        var second = await credentials.GetAsync(Provider(KnownProviders.OpenAI), CancellationToken.None);

        Assert.Equal(new UpstreamAuthorization("Authorization", "Bearer sk-company-key"), first);
        Assert.Same(first, second);

        // A rotated key is never answered with the header of the old one.
        secrets[SecretNames.OpenAIApiKey] = "sk-company-key-rotated";
        var rotated = await credentials.GetAsync(Provider(KnownProviders.OpenAI), CancellationToken.None);
        Assert.Equal(new UpstreamAuthorization("Authorization", "Bearer sk-company-key-rotated"), rotated);
    }

    [Fact]
    public async Task Get_ManyCallsToBothAzureProviders_OneFetchPerScope()
    {
        var credentials = Credentials();
        var (openAI, anthropic) = (Provider(KnownProviders.AzureOpenAI), Provider(KnownProviders.AzureAnthropic));

        for (var i = 0; i < 10; i++)
        {
            await credentials.GetAsync(openAI, CancellationToken.None);
            await credentials.GetAsync(anthropic, CancellationToken.None);
        }

        Assert.Equal(2, _identity.Fetches);
    }

    [Theory]
    [InlineData(KnownProviders.AzureOpenAI, SecretNames.AzureOpenAIApiKey, "api-key")]
    [InlineData(KnownProviders.AzureAnthropic, SecretNames.AzureAnthropicApiKey, "x-api-key")]
    public async Task Get_AuthenticationKey_TheSecretInTheKeyHeaderAndNoToken(string provider, string secret, string header)
    {
        var credentials = Credentials(new() { [secret] = AzureKey });

        var sent = await credentials.GetAsync(Provider(provider, options => options.AzureOpenAI.Authentication = options.AzureAnthropic.Authentication = ProviderAuthentication.Key), CancellationToken.None);

        Assert.Equal(new UpstreamAuthorization(header, AzureKey), sent);
        Assert.Equal(0, _identity.Fetches);
    }

    [Fact]
    public async Task Get_NoTokenButTheSecret_FallsBackToTheKeyAndWarnsOnceWithoutIt()
    {
        _identity.Failure = new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable");
        var credentials = Credentials(new() { [SecretNames.AzureOpenAIApiKey] = AzureKey });
        var provider = Provider(KnownProviders.AzureOpenAI);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(new UpstreamAuthorization("api-key", AzureKey), await credentials.GetAsync(provider, CancellationToken.None));
        }

        var warning = Assert.Single(_logs.Lines, line => line.EventId == 5091);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(SecretNames.AzureOpenAIApiKey, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzureKey, _logs.All, StringComparison.Ordinal);
        Assert.Equal(1, _identity.Fetches);

        // The identity is back: tokens again.
        _identity.Failure = null;
        _time.Advance(AccessTokenCache.RetryAfterFailure);
        Assert.Equal("Authorization", (await credentials.GetAsync(provider, CancellationToken.None))!.Header);
    }

    [Fact]
    public async Task Get_NoTokenAndNoSecret_IsNull()
    {
        _identity.Failure = new CredentialUnavailableException("no identity");

        Assert.Null(await Credentials().GetAsync(Provider(KnownProviders.AzureAnthropic), CancellationToken.None));
    }

    [Fact]
    public async Task Get_KeyProviders_UnchangedAndNeverAskTheIdentity()
    {
        var credentials = Credentials(new() { [SecretNames.OpenAIApiKey] = "sk-test", [SecretNames.AnthropicApiKey] = "sk-ant-test" });

        Assert.Equal(new UpstreamAuthorization("Authorization", "Bearer sk-test"), await credentials.GetAsync(Provider(KnownProviders.OpenAI), CancellationToken.None));
        Assert.Equal(new UpstreamAuthorization("x-api-key", "sk-ant-test"), await credentials.GetAsync(Provider(KnownProviders.Anthropic), CancellationToken.None));
        Assert.Equal(0, _identity.Fetches);
    }

    [Fact]
    public void UpstreamAuthorization_ToString_HidesTheToken() =>
        Assert.DoesNotContain("entra", new UpstreamAuthorization("Authorization", "Bearer entra-token-1").ToString(), StringComparison.Ordinal);
}
