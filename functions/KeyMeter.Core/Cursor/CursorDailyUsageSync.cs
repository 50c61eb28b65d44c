using System.Globalization;
using KeyMeter.Core.Agents;
using KeyMeter.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// The <c>cursor-daily-usage</c> run (daily): reads <c>/teams/daily-usage-data</c> for the last
/// <see cref="CursorOptions.DailyUsageDays"/> UTC days, today included, and stores each user's lines, tabs and requests
/// per day as <see cref="AgentFact"/>s (<see cref="CursorDailyUsageFacts"/>) for the agent comparison. <c>apiKeyReqs</c>
/// becomes <see cref="AgentFactNames.ApiKeyRequests"/>: Cursor's own count of a developer's BYOK requests per day.
/// </summary>
/// <remarks>
/// Cursor aggregates hourly and corrects a day after it ends (https://cursor.com/docs/account/teams/admin-api), so every
/// run reads the days again and stores them again; a fact replaces the one stored under the same day, developer and name,
/// so the last read wins and nothing counts twice. One call covers the range (at most 30 days), so a failed call writes
/// nothing. Developers are the lowercased email; a row without one cannot be attributed and is skipped.
/// </remarks>
public sealed class CursorDailyUsageSync(
    ICursorAdminApi api,
    IAgentFactStore facts,
    IOptions<CursorOptions> options,
    TimeProvider time,
    ILogger<CursorDailyUsageSync> logger)
{
    private static readonly long MaxEpochMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <exception cref="CursorApiException">The Admin API failed; nothing was written.</exception>
    public async Task<CursorDailyUsageRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - options.Value.DailyUsageDays);

        // 1. Read: one call from the start of the first day to now.
        var rows = await api.GetDailyUsageAsync(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), now, cancellationToken);

        // 2. Group by day and developer; rows that name neither a user nor a day inside the range are counted, not stored.
        var byDeveloperDay = new Dictionary<(DateOnly Day, string Developer), List<CursorDailyUsage>>();
        int withoutEmail = 0, withoutDay = 0;
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Email))
            {
                withoutEmail++;
                continue;
            }

            if (DayOf(row) is not { } day || day < first || day > today)
            {
                withoutDay++;
                continue;
            }

            var key = (day, TeamMapping.NormalizeEmail(row.Email));
            if (!byDeveloperDay.TryGetValue(key, out var group))
            {
                byDeveloperDay[key] = group = [];
            }

            group.Add(row);
        }

        // 3. A fact per developer, day and measure reported, stored over what an earlier run read.
        List<AgentFact> read = [.. byDeveloperDay.SelectMany(entry => CursorDailyUsageFacts.Of(entry.Key.Day, entry.Key.Developer, entry.Value))];
        if (read.Count > 0)
        {
            await facts.PutAsync(read, cancellationToken);
        }

        if (withoutEmail > 0)
        {
            CursorLog.DailyUsageWithoutEmail(logger, withoutEmail);
        }

        if (withoutDay > 0)
        {
            CursorLog.DailyUsageOutsideRange(logger, withoutDay, first, today);
        }

        CursorLog.DailyUsageSynced(logger, first, today, rows.Count, byDeveloperDay.Count, read.Count);
        return new CursorDailyUsageRun(first, today, rows.Count, read.Count, withoutEmail, withoutDay);
    }

    /// <summary>The UTC day of a row: from <c>date</c> (epoch ms), else from <c>day</c>; null when it has neither.</summary>
    private static DateOnly? DayOf(CursorDailyUsage row)
    {
        if (row.Date > 0 && row.Date <= MaxEpochMilliseconds)
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(row.Date).UtcDateTime);
        }

        return DateOnly.TryParseExact(row.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }
}
