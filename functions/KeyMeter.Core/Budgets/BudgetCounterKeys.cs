using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Budgets;

/// <summary>
/// Where budget counters live in Table Storage: one partition per key, one row per period
/// (<see cref="BudgetWindow.Key"/>). A key's counters share a partition, and different keys never contend.
/// </summary>
public static class BudgetCounterKeys
{
    public const string TableName = "budgets";

    /// <exception cref="ArgumentException">Not a well-formed key id.</exception>
    public static string Partition(string keyId) =>
        KeyId.IsWellFormed(keyId) ? keyId : throw new ArgumentException("Not a well-formed key id.", nameof(keyId));

    /// <exception cref="ArgumentException">Not a period key of <see cref="BudgetWindow.Key"/>'s form.</exception>
    public static string Row(string periodKey) =>
        IsPeriodKey(periodKey) ? periodKey : throw new ArgumentException("Not a budget period key (d:yyyy-MM-dd or m:yyyy-MM).", nameof(periodKey));

    /// <summary>True for <c>d:yyyy-MM-dd</c> and <c>m:yyyy-MM</c> with ASCII digits.</summary>
    public static bool IsPeriodKey(ReadOnlySpan<char> periodKey) => periodKey switch
    {
        ['d', ':', _, _, _, _, '-', _, _, '-', _, _] => AreDigits(periodKey[2..6], periodKey[7..9], periodKey[10..12]),
        ['m', ':', _, _, _, _, '-', _, _] => AreDigits(periodKey[2..6], periodKey[7..9], []),
        _ => false,
    };

    private static bool AreDigits(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third) =>
        !first.ContainsAnyExceptInRange('0', '9') && !second.ContainsAnyExceptInRange('0', '9') && !third.ContainsAnyExceptInRange('0', '9');
}
