namespace KeyMeter.Core.Cursor;

/// <summary>What one <c>cursor-poll</c> run did.</summary>
/// <param name="Completed">False when the run stopped at its time limit with days left.</param>
/// <param name="Watermark">Where the next run continues (less the re-read).</param>
public sealed record CursorPollRun(
    int Days,
    int Events,
    int New,
    int Corrected,
    int Unchanged,
    int Republished,
    int RecordsPublished,
    bool Completed,
    DateTimeOffset? Watermark);
