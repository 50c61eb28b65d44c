using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy;

/// <summary>What forwarding one call produced: the provider's status (0 when none), how it ended and its meter.</summary>
internal readonly record struct ForwardResult(int Status, CallEnd End, IUsageMeter Meter);
