using System.Globalization;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Adapters.Budgets;

/// <summary>
/// A counter row and its entity. Amounts are strings in invariant culture: Table Storage has no decimal type, and a
/// double would turn cents into approximations. Holdings are one string, <c>owner|amount|expiresUnixMs</c> joined by
/// <c>;</c> (owner ids use only a-z, 0-9 and '-'); <c>Leased</c> repeats their sum for people reading the table.
/// </summary>
/// <remarks>
/// A row written before holdings existed has only <c>Leased</c>: it reads as one holding that has already expired,
/// so the first write after an upgrade reclaims it.
/// </remarks>
internal static class BudgetCounterEntityMapper
{
    private const string Limit = "Limit";
    private const string Settled = "Settled";
    private const string Leased = "Leased";
    private const string Leases = "Leases";
    private const string LegacyOwner = "legacy";

    public static TableEntity ToEntity(string keyId, string periodKey, BudgetCounter counter) =>
        new(BudgetCounterKeys.Partition(keyId), BudgetCounterKeys.Row(periodKey))
        {
            [Limit] = Format(counter.Limit),
            [Settled] = Format(counter.Settled),
            [Leased] = Format(counter.Leased),
            [Leases] = string.Join(';', counter.Holders.Select(holder =>
                string.Create(CultureInfo.InvariantCulture, $"{holder.Owner}|{Format(holder.AmountUsd)}|{holder.ExpiresAt.ToUnixTimeMilliseconds()}"))),
        };

    /// <exception cref="InvalidOperationException">An amount or holding is missing or malformed.</exception>
    public static BudgetCounter FromEntity(TableEntity entity)
    {
        var leases = entity.GetString(Leases);
        var holders = leases is null
            ? Legacy(Parse(entity, Leased))
            : leases.Length == 0 ? [] : leases.Split(';').Select(text => Holding(entity, text)).ToList();
        return new BudgetCounter(Parse(entity, Limit), Parse(entity, Settled), holders);
    }

    private static List<LeaseHolding> Legacy(decimal leased) =>
        leased == 0 ? [] : [new LeaseHolding(LegacyOwner, leased, DateTimeOffset.UnixEpoch)];

    private static LeaseHolding Holding(TableEntity entity, string text)
    {
        var parts = text.Split('|');
        return parts.Length == 3
            && LeaseHolding.IsOwnerId(parts[0])
            && TryParse(parts[1], out var amount)
            && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            && expires is >= 0 and <= 253402300799999
            ? new LeaseHolding(parts[0], amount, DateTimeOffset.FromUnixTimeMilliseconds(expires))
            : throw new InvalidOperationException($"Budget counter {entity.RowKey} of {entity.PartitionKey} has a malformed '{Leases}' entry.");
    }

    private static string Format(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static bool TryParse(string? text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);

    private static decimal Parse(TableEntity entity, string name) =>
        TryParse(entity.GetString(name), out var amount)
            ? amount
            : throw new InvalidOperationException($"Budget counter {entity.RowKey} of {entity.PartitionKey} has no valid '{name}' amount.");
}
