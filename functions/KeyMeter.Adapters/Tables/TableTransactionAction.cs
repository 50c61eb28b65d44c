namespace KeyMeter.Adapters.Tables;

/// <summary>One operation of an entity group transaction.</summary>
/// <param name="Type">What to do with <paramref name="Entity"/>.</param>
/// <param name="Entity">The row; for <see cref="TableTransactionActionType.Delete"/> only its keys are used.</param>
/// <param name="IfMatch">The ETag the stored row must have for updates and deletes; <c>*</c> for any. Ignored by inserts and upserts.</param>
internal sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, string IfMatch = "*");
