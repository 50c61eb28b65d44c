namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Turns a stand-in storage off: while <see cref="Down"/>, every call waits until its caller gives up.</summary>
internal sealed class OutageSwitch
{
    public volatile bool Down;

    public async Task WaitIfDownAsync(CancellationToken cancellationToken)
    {
        if (Down)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
