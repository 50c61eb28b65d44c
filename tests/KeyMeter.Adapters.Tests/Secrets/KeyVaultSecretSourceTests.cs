using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using KeyMeter.Adapters.Secrets;

namespace KeyMeter.Adapters.Tests.Secrets;

public sealed class KeyVaultSecretSourceTests
{
    private static readonly Uri Vault = new("https://kv-test.vault.azure.net/");

    private static KeyVaultSecretSource Create(FakeVault vault)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(vault), RetryPolicy = new RetryPolicy(maxRetries: 0) };
        return new KeyVaultSecretSource(new SecretClient(Vault, new StaticToken(), options));
    }

    [Fact]
    public async Task GetAsync_ExistingSecret_ReturnsValueWithBearerToken()
    {
        var vault = new FakeVault { Secrets = { ["OpenAIApiKey"] = "provider-key-value" } };

        var value = await Create(vault).GetAsync("OpenAIApiKey", CancellationToken.None);

        Assert.Equal("provider-key-value", value);
        Assert.Contains(vault.Requests, request => request.Authorization == "Bearer test-token" && request.Path == "/secrets/OpenAIApiKey");
    }

    [Fact]
    public async Task GetAsync_MissingSecret_Null()
    {
        var value = await Create(new FakeVault()).GetAsync("CursorAdminApiKey", CancellationToken.None);

        Assert.Null(value);
    }

    [Fact]
    public async Task GetAsync_Forbidden_ThrowsWithoutSecretValues()
    {
        var vault = new FakeVault { Forbidden = true, Secrets = { ["OpenAIApiKey"] = "provider-key-value" } };

        var exception = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => Create(vault).GetAsync("OpenAIApiKey", CancellationToken.None).AsTask());

        Assert.Equal(403, exception.Status);
        Assert.DoesNotContain("provider-key-value", exception.ToString(), StringComparison.Ordinal);
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Key Vault's secrets REST surface, including its challenge-based authentication handshake.</summary>
    private sealed class FakeVault : HttpMessageHandler
    {
        public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

        public bool Forbidden { get; init; }

        public List<(string Path, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.Authorization?.ToString();
            Requests.Add((request.RequestUri!.AbsolutePath, authorization));
            if (authorization is null)
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.TryAddWithoutValidation(
                    "WWW-Authenticate",
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
                return Task.FromResult(challenge);
            }

            if (Forbidden)
            {
                return Task.FromResult(Json(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"Caller is not authorized."}}"""));
            }

            var name = request.RequestUri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];
            return Task.FromResult(Secrets.TryGetValue(name, out var value)
                ? Json(HttpStatusCode.OK, $$$"""{"value":"{{{value}}}","id":"{{{Vault}}}secrets/{{{name}}}/0123","attributes":{"enabled":true}}""")
                : Json(HttpStatusCode.NotFound, """{"error":{"code":"SecretNotFound","message":"A secret with that name was not found."}}"""));
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
