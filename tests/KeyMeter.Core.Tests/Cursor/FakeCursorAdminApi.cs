using KeyMeter.Core.Cursor;

namespace KeyMeter.Core.Tests.Cursor;

/// <summary>
/// <see cref="ICursorAdminApi"/> over a list of events that a test can correct between polls: windows are inclusive at
/// both ends, newest first, paged like Cursor's. <see cref="Failure"/> makes every call fail as the real client would.
/// </summary>
internal sealed class FakeCursorAdminApi : ICursorAdminApi
{
    public List<CursorUsageEvent> Events { get; } = [];

    public List<CursorMember> Members { get; } = [];

    public List<CursorMemberSpend> Spend { get; } = [];

    /// <summary>The rows <c>/teams/daily-usage-data</c> answers with, whatever the range (a test decides what is in it).</summary>
    public List<CursorDailyUsage> DailyUsage { get; } = [];

    public List<(DateTimeOffset Start, DateTimeOffset End, int Page, int PageSize)> EventCalls { get; } = [];

    public List<(DateTimeOffset Start, DateTimeOffset End)> DailyUsageCalls { get; } = [];

    public int Calls { get; private set; }

    public CursorApiException? Failure { get; set; }

    public Task<CursorUsageEventsPage> GetUsageEventsAsync(DateTimeOffset start, DateTimeOffset end, int page, int pageSize, CancellationToken cancellationToken)
    {
        Fail();
        EventCalls.Add((start, end, page, pageSize));
        var matching = Events
            .Where(e => e.Timestamp >= start.ToUnixTimeMilliseconds() && e.Timestamp <= end.ToUnixTimeMilliseconds())
            .OrderByDescending(e => e.Timestamp)
            .ToList();
        var pages = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        return Task.FromResult(new CursorUsageEventsPage
        {
            TotalUsageEventsCount = matching.Count,
            Pagination = new CursorEventsPagination { NumPages = pages, CurrentPage = page, PageSize = pageSize, HasNextPage = page < pages, HasPreviousPage = page > 1 },
            UsageEvents = [.. matching.Skip((page - 1) * pageSize).Take(pageSize)],
        });
    }

    public Task<IReadOnlyList<CursorMember>> GetMembersAsync(CancellationToken cancellationToken)
    {
        Fail();
        return Task.FromResult<IReadOnlyList<CursorMember>>([.. Members]);
    }

    public Task<CursorSpendPage> GetSpendAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        Fail();
        var pages = Math.Max(1, (Spend.Count + pageSize - 1) / pageSize);
        return Task.FromResult(new CursorSpendPage
        {
            TeamMemberSpend = [.. Spend.Skip((page - 1) * pageSize).Take(pageSize)],
            SubscriptionCycleStart = 1_763_000_000_000,
            TotalMembers = Spend.Count,
            TotalPages = pages,
        });
    }

    public Task<IReadOnlyList<CursorDailyUsage>> GetDailyUsageAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Fail();
        DailyUsageCalls.Add((start, end));
        return Task.FromResult<IReadOnlyList<CursorDailyUsage>>([.. DailyUsage]);
    }

    private void Fail()
    {
        Calls++;
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
