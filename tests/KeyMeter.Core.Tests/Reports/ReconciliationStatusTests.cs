using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Reports;

public sealed class ReconciliationStatusTests
{
    private static ReconciliationCounts Counts(long byok, long proxy, long billed = 0) => new(byok, byok * 1000, proxy, proxy * 1000, billed);

    [Theory]
    [InlineData(10, 10, "matched")]
    [InlineData(10, 9, "matched")]
    [InlineData(2, 1, "matched")]
    [InlineData(100, 90, "matched")]
    [InlineData(10, 40, "matched")]
    [InlineData(100, 89, "partial")]
    [InlineData(10, 8, "partial")]
    [InlineData(3, 1, "partial")]
    [InlineData(1, 0, "bypassing")]
    [InlineData(50, 0, "bypassing")]
    [InlineData(0, 5, "proxy-only")]
    public void Of_ByokAgainstProxy_Status(long byok, long proxy, string status) =>
        Assert.Equal(status, ReconciliationStatus.Of(Counts(byok, proxy)));

    [Fact]
    public void Of_CursorBilledBesideOthers_OthersDecide()
    {
        Assert.Equal(ReconciliationStatus.CursorBilledOnly, ReconciliationStatus.Of(Counts(0, 0, billed: 4)));
        Assert.Equal(ReconciliationStatus.ProxyOnly, ReconciliationStatus.Of(Counts(0, 3, billed: 4)));
        Assert.Equal(ReconciliationStatus.Bypassing, ReconciliationStatus.Of(Counts(2, 0, billed: 4)));
    }

    [Fact]
    public void Of_NoRequests_Null()
    {
        Assert.Null(ReconciliationStatus.Of(ReconciliationCounts.Zero));
        Assert.Null(ReconciliationStatus.Of(new ReconciliationCounts(-1, 0, 0, 0, 0)));
    }

    [Fact]
    public void Of_TokensDoNotDecide()
    {
        Assert.Equal(ReconciliationStatus.Matched, ReconciliationStatus.Of(new ReconciliationCounts(10, 1_000_000, 10, 5, 0)));
    }

    [Theory]
    [InlineData(10, 0, 10)]
    [InlineData(10, 7, 3)]
    [InlineData(10, 9, 0)]
    [InlineData(0, 5, 0)]
    public void Unmetered_Shortfall_OfBypassingAndPartialDaysOnly(long byok, long proxy, long unmetered)
    {
        var counts = Counts(byok, proxy);

        Assert.Equal(unmetered, ReconciliationStatus.Unmetered(ReconciliationStatus.Of(counts)!, counts));
    }
}
