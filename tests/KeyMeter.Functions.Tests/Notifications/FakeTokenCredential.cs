using Azure.Core;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>
/// Stands in for the managed identity: hands out numbered tokens (<c>token-1</c>, …) valid for an hour and records the
/// scopes asked for.
/// </summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    private int _calls;

    public int Calls => _calls;

    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Scopes)
        {
            Scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken("token-" + call, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
