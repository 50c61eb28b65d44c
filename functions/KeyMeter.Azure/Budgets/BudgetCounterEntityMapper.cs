using System.Globalization;
using KeyMeter.Azure.Tables;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Azure.Budgets;

/// <summary>
/// A counter row and its entity. Amounts are strings in invariant culture: Table Storage has no decimal type, and a
/// double would turn cents into approximations.
/// </summary>
internal static class BudgetCounterEntityMapper
{
    private const string Limit = "Limit";
    private const string Settled = "Settled";
    private const string Leased = "Leased";

    public static TableEntity ToEntity(string keyId, string periodKey, BudgetCounter counter) =>
        new(BudgetCounterKeys.Partition(keyId), BudgetCounterKeys.Row(periodKey))
        {
            [Limit] = Format(counter.Limit),
            [Settled] = Format(counter.Settled),
            [Leased] = Format(counter.Leased),
        };

    /// <exception cref="InvalidOperationException">An amount is missing or not a decimal number.</exception>
    public static BudgetCounter FromEntity(TableEntity entity) =>
        new(Parse(entity, Limit), Parse(entity, Settled), Parse(entity, Leased));

    private static string Format(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(TableEntity entity, string name) =>
        decimal.TryParse(entity.GetString(name), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new InvalidOperationException($"Budget counter {entity.RowKey} of {entity.PartitionKey} has no valid '{name}' amount.");
}
