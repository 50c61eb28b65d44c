namespace KeyMeter.Functions.CustomHandler;

/// <summary>The serialized timer schedule; the host sends only <c>AdjustForDST</c>.</summary>
internal sealed record TimerScheduleInfo(bool AdjustForDST);
