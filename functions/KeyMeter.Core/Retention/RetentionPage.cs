namespace KeyMeter.Core.Retention;

/// <summary>One page of a <see cref="IRetentionStore"/> query.</summary>
/// <param name="RowKeys">The row keys found, in row-key order; at most the page size asked for, and possibly none.</param>
/// <param name="Continuation">Where the query goes on (opaque; pass it back with the same query), or null at its end.</param>
public sealed record RetentionPage(IReadOnlyList<string> RowKeys, string? Continuation);
