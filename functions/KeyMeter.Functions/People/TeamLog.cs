namespace KeyMeter.Functions.People;

/// <summary>
/// Log events of the team mapping (EventIds 1150–1179). Counts and the acting principal only: the mapping itself is
/// in the <c>teams</c> table, and a log is no place to copy a staff list to.
/// </summary>
internal static partial class TeamLog
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Team assignment set by {Actor}")]
    public static partial void AssignmentSet(ILogger logger, string actor);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Information, Message = "Team assignment removed by {Actor}")]
    public static partial void AssignmentRemoved(ILogger logger, string actor);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Information, Message = "Team mapping import by {Actor}: {Count} assignment(s) stored")]
    public static partial void Imported(ILogger logger, string actor, int count);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Information, Message = "Team mapping import by {Actor} refused: {Errors} error(s), nothing stored")]
    public static partial void ImportRefused(ILogger logger, string actor, int errors);
}
