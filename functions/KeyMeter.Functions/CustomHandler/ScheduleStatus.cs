namespace KeyMeter.Functions.CustomHandler;

/// <summary>The schedule monitor's record of the previous and next occurrence, when the host keeps one.</summary>
internal sealed record ScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
