using System.Collections.Concurrent;
using Azure.Core;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A stand-in for the app's managed identity: hands out numbered tokens (<c>entra-token-1</c>, …) that live
/// <see cref="Lifetime"/> on its clock, records the scopes asked for, and can fail or hold a fetch on request.
/// </summary>
internal sealed class FakeTokenCredential(TimeProvider time) : TokenCredential
{
    private int _fetches;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, every fetch throws it, as a credential does when the identity endpoint is down.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, fetches wait for it: concurrent calls pile up behind one fetch.</summary>
    public Task? Gate { get; set; }

    public ConcurrentQueue<string> Scopes { get; } = new();

    public int Fetches => Volatile.Read(ref _fetches);

    public static string TokenNumber(int n) => "entra-token-" + n;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _fetches);
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return Failure is { } failure ? throw failure : new AccessToken(TokenNumber(n), time.GetUtcNow() + Lifetime);
    }
}
