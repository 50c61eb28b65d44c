namespace KeyMeter.Core.Retention;

/// <summary>What one <see cref="UsageRetention"/> run removed.</summary>
/// <param name="MarkersDeleted">Marker rows deleted (<c>r|…</c>), in removed partitions too.</param>
/// <param name="DailyRowsDeleted">Daily aggregate rows deleted (<c>d|…</c>), in removed partitions too.</param>
/// <param name="PartitionsRemoved">Month partitions removed completely.</param>
/// <param name="Completed">False when the run stopped early (time up or cancelled); the next run continues.</param>
public sealed record RetentionRun(int MarkersDeleted, int DailyRowsDeleted, int PartitionsRemoved, bool Completed);
