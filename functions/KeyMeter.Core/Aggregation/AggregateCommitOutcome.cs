namespace KeyMeter.Core.Aggregation;

/// <summary>How an <see cref="IAggregateStore.CommitAsync"/> transaction ended. Nothing was written unless <see cref="Committed"/>.</summary>
public enum AggregateCommitOutcome
{
    /// <summary>Every marker was inserted and every row written.</summary>
    Committed,

    /// <summary>A record's marker already exists: that record was counted before (<see cref="AggregateCommit.CountedRecordId"/>).</summary>
    AlreadyCounted,

    /// <summary>A row changed, appeared or vanished since it was read (412, or 409/404 on a row): read again and retry.</summary>
    Conflict,
}
