namespace KeyMeter.Core.Cursor;

/// <summary>
/// <c>/teams/spend</c> as read at <paramref name="TakenAt"/>. Cursor serves only the current billing cycle, so every
/// snapshot is kept: together they are the history.
/// </summary>
/// <param name="CycleStart">The billing cycle's start (<c>subscriptionCycleStart</c>).</param>
public sealed record CursorSpendSnapshot(DateTimeOffset TakenAt, DateTimeOffset CycleStart, IReadOnlyList<CursorMemberSpend> Members);
