namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Caps the request bytes the proxy holds in memory at once across all requests
/// (<see cref="ProxyOptions.MaxBufferedBodyBytes"/>), so a burst of large bodies is answered 503 instead of growing
/// the process past its memory. Bytes are taken as a body grows and given back when it is disposed.
/// </summary>
internal sealed class BufferedBodyBudget(long capacity)
{
    private long _used;

    public long Capacity => capacity;

    /// <summary>Bytes held right now.</summary>
    public long Used => Interlocked.Read(ref _used);

    public bool TryTake(long bytes)
    {
        while (true)
        {
            var used = Interlocked.Read(ref _used);
            if (used + bytes > capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used)
            {
                return true;
            }
        }
    }

    public void Give(long bytes) => Interlocked.Add(ref _used, -bytes);
}
