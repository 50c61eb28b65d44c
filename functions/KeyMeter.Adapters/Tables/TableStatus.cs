namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Maps a status to the outcome callers handle. A 404 or 409 about the table itself (missing, being deleted)
/// is not an entity outcome: it means the deployment is wrong, and becomes an exception.
/// </summary>
internal static class TableStatus
{
    /// <summary>The outcome, or null for a status no caller is expected to handle.</summary>
    public static TableOutcome? Classify(int status, string? errorCode) => status switch
    {
        >= 200 and < 300 => TableOutcome.Success,
        404 when errorCode is not "TableNotFound" => TableOutcome.NotFound,
        409 when errorCode is not ("TableBeingDeleted" or "TableAlreadyExists") => TableOutcome.Conflict,
        412 => TableOutcome.PreconditionFailed,
        _ => null,
    };
}
