namespace KeyMeter.Adapters.Tables;

/// <summary>The operation a <see cref="TableTransactionAction"/> performs inside a <c>$batch</c>.</summary>
internal enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction with 409 when the row exists.</summary>
    Insert,

    /// <summary>Insert or merge (no <c>If-Match</c>).</summary>
    UpsertMerge,

    /// <summary>Insert or replace (no <c>If-Match</c>).</summary>
    UpsertReplace,

    /// <summary>Merge into an existing row guarded by <c>If-Match</c>.</summary>
    UpdateMerge,

    /// <summary>Replace an existing row guarded by <c>If-Match</c>.</summary>
    UpdateReplace,

    /// <summary>Delete an existing row guarded by <c>If-Match</c>.</summary>
    Delete,
}
