namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// How long the proxy keeps talking to the provider: while the client is there, and for a bounded drain time after it
/// leaves, so that the answer the provider bills can still be metered. Dispose when the call is done.
/// </summary>
internal sealed class UpstreamLifetime : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _registration;

    public UpstreamLifetime(TimeSpan drain, CancellationToken clientToken)
    {
        Drain = drain;
        _registration = clientToken.Register(static state =>
        {
            var lifetime = (UpstreamLifetime)state!;
            try
            {
                lifetime._source.CancelAfter(lifetime.Drain);
            }
            catch (ObjectDisposedException)
            {
                // The call ended first.
            }
        }, this);
    }

    public TimeSpan Drain { get; }

    /// <summary>Cancelled <see cref="Drain"/> after the client leaves.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
