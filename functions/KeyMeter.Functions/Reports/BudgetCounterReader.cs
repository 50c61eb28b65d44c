using KeyMeter.Core.Budgets;
using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// Reads the live budget counters behind <c>GET /reports/budgets</c>: for a report of today, the day's and the month's
/// row of every key in it (point reads, a few at a time). Past days have no live counter to show.
/// </summary>
internal static class BudgetCounterReader
{
    private const int Parallelism = 8;

    public static async Task<IReadOnlyDictionary<(string KeyId, BudgetPeriod Period), BudgetCounter>> ReadAsync(
        IBudgetCounterStore counters, BudgetStatusReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<(string, BudgetPeriod), BudgetCounter>();
        if (report.Day != DateOnly.FromDateTime(now.UtcDateTime))
        {
            return found;
        }

        var wanted = report.Keys
            .SelectMany(status => new[] { (status.KeyId, BudgetPeriod.Daily, status.Daily is not null), (status.KeyId, BudgetPeriod.Monthly, status.Monthly is not null) })
            .Where(item => item.Item3)
            .Select(item => (item.KeyId, Period: item.Item2));
        await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, token) =>
        {
            try
            {
                if (await counters.GetAsync(item.KeyId, BudgetWindow.Containing(item.Period, now).Key, token) is { } stored)
                {
                    found[(item.KeyId, item.Period)] = stored.Counter;
                }
            }
            catch (InvalidOperationException)
            {
                // A row that cannot be read is left out of the report rather than failing it.
            }
        });
        return found;
    }
}
