using System.Threading.Channels;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>An <see cref="IPayloadFunction"/> that records each call and answers what the test says (by call number).</summary>
internal sealed class RecordingPayloadFunction(string name, Func<InvocationRequest, int, PayloadResult>? answer = null) : IPayloadFunction
{
    private readonly Channel<RecordedCall> _calls = Channel.CreateUnbounded<RecordedCall>();
    private int _count;

    public string Name => name;

    public int CallCount => Volatile.Read(ref _count);

    public Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite(new RecordedCall(request, cancellationToken.CanBeCanceled));
        return Task.FromResult(answer?.Invoke(request, number) ?? PayloadResult.Success());
    }

    public async Task<InvocationRequest> NextCallAsync() => (await NextRecordedCallAsync()).Request;

    public async Task<RecordedCall> NextRecordedCallAsync() =>
        await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public bool TryTakeCall(out RecordedCall call) => _calls.Reader.TryRead(out call!);
}
