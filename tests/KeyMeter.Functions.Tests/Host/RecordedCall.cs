using KeyMeter.Functions.Host;

namespace KeyMeter.Functions.Tests.Host;

/// <summary>One call to a <see cref="RecordingPayloadFunction"/>.</summary>
internal sealed record RecordedCall(InvocationRequest Request, bool TokenCanBeCanceled);
