using Azure.Core;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The app identity's token for one scope, fetched from the registered <see cref="TokenCredential"/> once and reused
/// until it is due for a refresh: <see cref="RefreshMargin"/> before it expires, or halfway through its life when it
/// lives less than twice that (or at the credential's own <see cref="AccessToken.RefreshOn"/> when that is sooner).
/// One refresh runs at a time and every call waiting shares its result; while the old token is still valid, no call
/// waits for the refresh. A failed refresh keeps the old token while it is valid and is tried again no sooner than
/// <see cref="RetryAfterFailure"/> later, so an identity outage costs one attempt every few seconds, never one per call.
/// </summary>
internal sealed class AccessTokenCache(string scope, TokenCredential credential, TimeProvider time, ILogger logger)
{
    /// <summary>How long before expiry a long-lived token is refreshed.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long after a failed fetch the next one is tried.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>A fetch that takes longer fails (the credential has its own, longer timeouts).</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A token this close to expiry is not sent: the call could reach the provider after it expired.</summary>
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private State _state = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
    private Task<string?>? _refreshing;

    /// <summary>A valid token, or null when none can be had now (the failure is logged).</summary>
    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        Task<string?> refreshing;
        TaskCompletionSource<string?>? mine = null;
        State state;
        string? valid;
        lock (_gate)
        {
            state = _state;
            var now = time.GetUtcNow();
            valid = Valid(state, now);
            if ((valid is not null && now < state.RefreshAt) || now < state.RetryAt)
            {
                // Fresh, or a fetch failed moments ago: the valid token if there is one, without trying again yet.
                return valid;
            }

            if (_refreshing is null)
            {
                mine = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _refreshing = mine.Task;
            }

            refreshing = _refreshing;
        }

        if (mine is not null)
        {
            // Not awaited: a caller with a valid token goes on with it; the others wait for the shared result below.
            _ = RefreshAsync(state, mine);
        }

        return valid is not null && !refreshing.IsCompleted ? valid : await refreshing.WaitAsync(cancellationToken);
    }

    /// <summary>One fetch, on behalf of every caller: it never throws and settles <paramref name="done"/>.</summary>
    private async Task RefreshAsync(State old, TaskCompletionSource<string?> done)
    {
        State next;
        string? result;
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout, time);
            var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), timeout.Token);
            next = new State(token, RefreshAt(token, time.GetUtcNow()), DateTimeOffset.MinValue);
            result = token.Token;
        }
        catch (Exception error)
        {
            // The type only: a credential's message may name the identity or the endpoint it tried.
            var now = time.GetUtcNow();
            result = Valid(old, now);
            ProviderLog.TokenFailed(logger, scope, error.GetType().Name, result is not null);
            next = old with { RetryAt = now + RetryAfterFailure };
        }

        lock (_gate)
        {
            _state = next;
            _refreshing = null;
        }

        done.SetResult(result);
    }

    private static string? Valid(State state, DateTimeOffset now) =>
        state.Token is { } token && now < token.ExpiresOn - ExpirySkew ? token.Token : null;

    private static DateTimeOffset RefreshAt(AccessToken token, DateTimeOffset now)
    {
        var life = token.ExpiresOn - now;
        var at = life >= 2 * RefreshMargin ? token.ExpiresOn - RefreshMargin : now + (life / 2);
        return token.RefreshOn is { } refreshOn && refreshOn < at ? refreshOn : at;
    }

    private sealed record State(AccessToken? Token, DateTimeOffset RefreshAt, DateTimeOffset RetryAt);
}
