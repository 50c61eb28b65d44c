using Azure.Core;

namespace KeyMeter.Functions.Tests.Digests;

/// <summary>A credential that hands out a fixed token, standing in for the managed identity.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public const string Token = "managed-identity-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
