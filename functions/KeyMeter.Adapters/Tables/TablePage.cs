namespace KeyMeter.Adapters.Tables;

/// <summary>One page of query results. A page may be empty and still carry a continuation.</summary>
internal sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation);
