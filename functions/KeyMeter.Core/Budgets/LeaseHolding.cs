namespace KeyMeter.Core.Budgets;

/// <summary>
/// What one instance holds of a budget counter: money it may reserve against without asking storage, until
/// <see cref="ExpiresAt"/>. An instance renews its holding while it lives; a holding past its expiry belongs to an
/// instance that stopped (a crash, a scale-in) and is reclaimed by the next instance that writes the row.
/// </summary>
/// <param name="Owner">The holding instance (<see cref="BudgetGate.Owner"/>): lower-case letters, digits and '-'.</param>
/// <param name="AmountUsd">Its unused slice plus its reservations in flight.</param>
/// <param name="ExpiresAt">When the holding may be reclaimed unless renewed.</param>
public sealed record LeaseHolding(string Owner, decimal AmountUsd, DateTimeOffset ExpiresAt)
{
    private static readonly System.Buffers.SearchValues<char> OwnerCharacters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public bool HasExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>True for an owner id that can be stored (1 to 64 of a-z, 0-9, '-').</summary>
    public static bool IsOwnerId(string? owner) =>
        owner is { Length: > 0 and <= 64 } && !owner.AsSpan().ContainsAnyExcept(OwnerCharacters);
}
