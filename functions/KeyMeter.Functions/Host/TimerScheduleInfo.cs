namespace KeyMeter.Functions.Host;

/// <summary>The serialized timer schedule; the host sends only <c>AdjustForDST</c>.</summary>
internal sealed record TimerScheduleInfo(bool AdjustForDST);
