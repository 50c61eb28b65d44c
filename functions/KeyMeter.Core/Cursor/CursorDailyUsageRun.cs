namespace KeyMeter.Core.Cursor;

/// <summary>What one <c>cursor-daily-usage</c> run did.</summary>
/// <param name="From">The first UTC day read.</param>
/// <param name="To">The last UTC day read (the day of the run).</param>
/// <param name="Rows">Rows Cursor returned.</param>
/// <param name="Facts">Agent facts stored.</param>
/// <param name="WithoutEmail">Rows skipped because they name no user.</param>
/// <param name="WithoutDay">Rows skipped because their day is missing or outside <paramref name="From"/> to <paramref name="To"/>.</param>
public sealed record CursorDailyUsageRun(DateOnly From, DateOnly To, int Rows, int Facts, int WithoutEmail, int WithoutDay);
