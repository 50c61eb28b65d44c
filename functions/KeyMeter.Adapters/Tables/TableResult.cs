namespace KeyMeter.Adapters.Tables;

/// <summary>The outcome of a single-entity operation, with its value and the entity's ETag when it succeeded.</summary>
/// <typeparam name="T">The operation's value: the entity for reads, the new ETag for writes.</typeparam>
internal readonly record struct TableResult<T>(TableOutcome Outcome, T? Value, string? ETag)
{
    /// <summary>True when <see cref="Outcome"/> is <see cref="TableOutcome.Success"/>.</summary>
    public bool IsSuccess => Outcome == TableOutcome.Success;

    internal static TableResult<T> Failed(TableOutcome outcome) => new(outcome, default, null);
}
