namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Holds held streams at their middle until released, so memory can be read while every stream is in flight and
/// half sent: a proxy that buffered bodies would show it there.
/// </summary>
internal sealed class StreamGate
{
    private TaskCompletionSource _release = NewSource();
    private TaskCompletionSource _allArrived = NewSource();
    private int _expected;
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public Task AllArrived => _allArrived.Task;

    /// <summary>Prepares for <paramref name="expected"/> streams; call between runs only.</summary>
    public void Arm(int expected)
    {
        _release = NewSource();
        _allArrived = NewSource();
        _expected = expected;
        Volatile.Write(ref _arrived, 0);
    }

    public Task ArriveAndWaitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _arrived) == _expected)
        {
            _allArrived.TrySetResult();
        }

        return _release.Task.WaitAsync(cancellationToken);
    }

    public void Release() => _release.TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
