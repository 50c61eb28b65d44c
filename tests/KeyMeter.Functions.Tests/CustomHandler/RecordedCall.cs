using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>One call to a <see cref="RecordingPayloadFunction"/>.</summary>
internal sealed record RecordedCall(InvocationRequest Request, bool TokenCanBeCanceled);
