using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Publishes each record to two sinks: one the test watches, one the app really uses.</summary>
internal sealed class TeeUsageSink(IUsageSink first, IUsageSink second) : IUsageSink
{
    public async ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        await second.PublishAsync(record, cancellationToken);
        await first.PublishAsync(record, cancellationToken);
    }
}
