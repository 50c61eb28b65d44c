using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Metering;

/// <summary>The <c>usage-outbox</c> timer: re-sends usage records that could not be published when they were made.</summary>
internal sealed class UsageOutboxFunction(OutboxDrainer drainer) : IPayloadFunction
{
    public string Name => "usage-outbox";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var sent = await drainer.DrainAsync(cancellationToken);
        return PayloadResult.Success([$"Re-sent {sent} usage records from the outbox."]);
    }
}
