namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The result of an entity group transaction. All or nothing: when <see cref="Succeeded"/> is false no
/// operation was applied, and the failed operation is described by the remaining members.
/// </summary>
/// <param name="Succeeded">True when every operation was applied.</param>
/// <param name="ETags">On success, the new ETag of each operation in request order (null for deletes); empty on failure.</param>
/// <param name="FailedIndex">The zero-based index of the operation that failed, when the service says which.</param>
/// <param name="FailedOutcome">The failed operation's outcome; <see cref="TableOutcome.Success"/> on success.</param>
/// <param name="ErrorCode">The service's error code for the failed operation, such as <c>EntityAlreadyExists</c>.</param>
/// <param name="FailedStatus">The HTTP status of the failed operation.</param>
internal sealed record TableTransactionResult(
    bool Succeeded,
    IReadOnlyList<string?> ETags,
    int? FailedIndex,
    TableOutcome FailedOutcome,
    string? ErrorCode,
    int? FailedStatus);
