using KeyMeter.Core.Cursor;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using KeyMeter.Core.Tests.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static KeyMeter.Core.Tests.Cursor.CursorTestEvents;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorMembersSyncTests
{
    private readonly FakeCursorAdminApi _api = new();
    private readonly InMemoryCursorSnapshots _snapshots = new();
    private readonly CollectingUsageSink _sink = new();
    private readonly ManualTimeProvider _time = new(Now);

    public CursorMembersSyncTests()
    {
        _api.Members.AddRange(
        [
            new CursorMember { Id = "user_PDSPmvukpYgZEDXsoNirw3CFhy", Email = "a@corp.com", Name = "A", Role = "member" },
            new CursorMember { Id = "12345", Email = "B@corp.com", Name = "B", Role = "owner" },
            new CursorMember { Id = "user_free", Email = "admin@corp.com", Name = "Admin", Role = "free-owner" },
            new CursorMember { Id = "user_gone", Email = "gone@corp.com", Name = "Gone", Role = "member", IsRemoved = true },
        ]);
        for (var i = 0; i < 150; i++)
        {
            _api.Spend.Add(new CursorMemberSpend { UserId = "user_" + i, Email = $"u{i}@corp.com", SpendCents = 2450.125487m + i, OverallSpendCents = 5000m });
        }
    }

    private CursorMembersSync Sync(decimal seatPrice = 40m) => new(
        _api,
        _snapshots,
        _sink,
        new PeopleDirectoryLoader(new InMemoryKeyStore(), new InMemoryTeamMappingStore()),
        Options.Create(new CursorOptions { SeatPriceUsd = seatPrice }),
        _time,
        NullLogger<CursorMembersSync>.Instance);

    [Fact]
    public async Task RunAsync_Roster_OneSeatDayPerActivePaidMember()
    {
        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(2, run.Seats);
        Assert.Equal(["a@corp.com", "b@corp.com"], _sink.Records.Select(record => record.OwnerEmail.ToLowerInvariant()).Order());
        Assert.All(_sink.Records, record =>
        {
            Assert.Equal(UsageCharges.Seat, record.Charge);
            Assert.Equal(40m / 30m, record.CostUsd);
        });
    }

    [Fact]
    public async Task RunAsync_TwiceOnADay_SameSeatIds()
    {
        await Sync().RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(3));
        await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(2, _sink.Records.Select(record => record.Id).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_EverySnapshotKept_AllSpendPagesRead()
    {
        await Sync().RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(2, _snapshots.Spend.Count);
        Assert.All(_snapshots.Spend, snapshot => Assert.Equal(150, snapshot.Members.Count));
        Assert.Equal(2450.125487m, _snapshots.Spend[0].Members[0].SpendCents);
        Assert.Equal(2, _snapshots.Rosters.Count);
    }

    [Fact]
    public async Task RunAsync_SeatPriceZero_SnapshotsButNoSeats()
    {
        var run = await Sync(seatPrice: 0m).RunAsync(CancellationToken.None);

        Assert.Equal(0, run.Seats);
        Assert.Empty(_sink.Records);
        Assert.Single(_snapshots.Spend);
    }

    [Fact]
    public async Task RunAsync_KeyRejected_NothingWritten()
    {
        _api.Failure = new CursorApiException(CursorApiFailure.Rejected, 401, "rejected");

        await Assert.ThrowsAsync<CursorApiException>(() => Sync().RunAsync(CancellationToken.None));

        Assert.Empty(_snapshots.Spend);
        Assert.Empty(_snapshots.Rosters);
        Assert.Empty(_sink.Records);
    }
}
