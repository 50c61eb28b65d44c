using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// The <c>cursor-members</c> run (daily): keeps the roster from <c>/teams/members</c> and a snapshot of
/// <c>/teams/spend</c> (Cursor serves only the current cycle, so every snapshot is kept), and charges one day of seat
/// cost per active paid member as its own charge type (<see cref="UsageCharges.Seat"/>).
/// </summary>
/// <remarks>
/// Everything is read before anything is written, so a rejected key or a failed page writes nothing. A member is
/// active when not removed and not a <c>free-owner</c> (an unpaid admin has no seat: https://cursor.com/docs/account/teams/pricing).
/// Seat records have an id per member and day, so a second run on the same day counts nothing more.
/// </remarks>
public sealed class CursorMembersSync(
    ICursorAdminApi api,
    ICursorSnapshotStore snapshots,
    IUsageSink sink,
    PeopleDirectoryLoader people,
    IOptions<CursorOptions> options,
    TimeProvider time,
    ILogger<CursorMembersSync> logger)
{
    /// <summary>Rows per <c>/teams/spend</c> page.</summary>
    public const int SpendPageSize = 100;

    /// <summary>A guard against a server that never stops reporting another page.</summary>
    public const int MaxSpendPages = 1000;

    /// <summary>The role of an unpaid admin, who holds no seat.</summary>
    public const string FreeOwnerRole = "free-owner";

    /// <exception cref="CursorApiException">The Admin API failed; nothing was written.</exception>
    public async Task<CursorMembersRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);

        // 1. Read: roster, every spend page.
        var members = await api.GetMembersAsync(cancellationToken);
        var spend = new List<CursorMemberSpend>();
        long cycleStart = 0;
        for (var page = 1; page <= MaxSpendPages; page++)
        {
            var response = await api.GetSpendAsync(page, SpendPageSize, cancellationToken);
            cycleStart = response.SubscriptionCycleStart;
            var rows = response.TeamMemberSpend ?? [];
            spend.AddRange(rows);
            if (rows.Count == 0 || page >= (response.TotalPages ?? 1))
            {
                break;
            }
        }

        // 2. Keep the snapshots.
        await snapshots.SaveMembersAsync(day, members, cancellationToken);
        await snapshots.SaveSpendAsync(new CursorSpendSnapshot(now, DateTimeOffset.FromUnixTimeMilliseconds(cycleStart), spend), cancellationToken);

        // 3. A day of seat cost per active paid member.
        var price = options.Value.SeatPriceUsd;
        var seats = new List<UsageRecord>();
        if (price > 0)
        {
            var directory = await people.LoadAsync(cancellationToken);
            seats.AddRange(members
                .Where(member => !member.IsRemoved && !string.IsNullOrWhiteSpace(member.Email)
                    && !string.Equals(member.Role, FreeOwnerRole, StringComparison.OrdinalIgnoreCase))
                .Select(member => TeamMapping.NormalizeEmail(member.Email!))
                .Distinct(StringComparer.Ordinal)
                .Select(email => CursorRecords.Seat(day, email, price, directory)));
            await sink.PublishManyAsync(seats, cancellationToken);
        }

        CursorLog.MembersSynced(logger, day, members.Count, seats.Count, price, spend.Count);
        return new CursorMembersRun(day, members.Count, seats.Count, spend.Count);
    }
}
