using KeyMeter.Adapters.Notifications;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Notifications;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Notifications;

/// <summary>The <c>deliveries</c> ledger on Azurite: one claim at a time, completion for good, takeover of stale claims.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableDeliveryLedgerTests(AzuriteFixture azurite)
{
    private const string MessageId = "alert|key_0123456789abcdef0123|daily|2026-12-02|80";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    private TableDeliveryLedger Ledger() => new(_tables);

    [Fact]
    public async Task Claim_FirstTime_ClaimedThenBusyForOthers()
    {
        var first = await Ledger().ClaimAsync(MessageId, "slack", Now, Lease, CancellationToken.None);
        var second = await Ledger().ClaimAsync(MessageId, "slack", Now.AddMinutes(1), Lease, CancellationToken.None);
        var otherChannel = await Ledger().ClaimAsync(MessageId, "teams", Now, Lease, CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.Claimed, first.Outcome);
        Assert.NotNull(first.Version);
        Assert.Equal(DeliveryClaimOutcome.Busy, second.Outcome);
        Assert.Equal(DeliveryClaimOutcome.Claimed, otherChannel.Outcome);
    }

    [Fact]
    public async Task Complete_Sent_EveryLaterClaimSaysAlreadySent()
    {
        var claim = await Ledger().ClaimAsync(MessageId, "email", Now, Lease, CancellationToken.None);

        await Ledger().CompleteAsync(claim, refused: false, Now, null, CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.AlreadySent, (await Ledger().ClaimAsync(MessageId, "email", Now.AddDays(1), Lease, CancellationToken.None)).Outcome);
        var table = await _tables.GetAsync(DeliveryKeys.TableName, CancellationToken.None);
        var row = (await table.GetAsync(DeliveryKeys.Partition(MessageId), DeliveryKeys.Row("email"), CancellationToken.None)).Value!;
        Assert.Equal(TableDeliveryLedger.Sent, row.GetString(TableDeliveryLedger.StateProperty));
        Assert.Equal(Now, row.GetDateTimeOffset(TableDeliveryLedger.CompletedAtProperty));
    }

    [Fact]
    public async Task Complete_Refused_RemembersTheDetailAndIsNotClaimedAgain()
    {
        var claim = await Ledger().ClaimAsync(MessageId, "slack", Now, Lease, CancellationToken.None);

        await Ledger().CompleteAsync(claim, refused: true, Now, "HTTP 400 " + new string('x', 5000), CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.AlreadyRefused, (await Ledger().ClaimAsync(MessageId, "slack", Now.AddHours(1), Lease, CancellationToken.None)).Outcome);
        var table = await _tables.GetAsync(DeliveryKeys.TableName, CancellationToken.None);
        var row = (await table.GetAsync(DeliveryKeys.Partition(MessageId), DeliveryKeys.Row("slack"), CancellationToken.None)).Value!;
        Assert.Equal(1000, row.GetString(TableDeliveryLedger.DetailProperty)!.Length);
    }

    [Fact]
    public async Task Release_OwnClaim_NextClaimSucceedsAtOnce()
    {
        var claim = await Ledger().ClaimAsync(MessageId, "teams", Now, Lease, CancellationToken.None);

        await Ledger().ReleaseAsync(claim, CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.Claimed, (await Ledger().ClaimAsync(MessageId, "teams", Now.AddSeconds(1), Lease, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Claim_StaleClaim_TakenOverAndTheOldHolderCannotReleaseIt()
    {
        var stale = await Ledger().ClaimAsync(MessageId, "teams", Now, Lease, CancellationToken.None);

        var takeover = await Ledger().ClaimAsync(MessageId, "teams", Now + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None);
        await Ledger().ReleaseAsync(stale, CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.Claimed, takeover.Outcome);
        Assert.NotEqual(stale.Version, takeover.Version);
        Assert.Equal(DeliveryClaimOutcome.Busy, (await Ledger().ClaimAsync(MessageId, "teams", Now + Lease + TimeSpan.FromSeconds(2), Lease, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Claim_ManyAtOnce_ExactlyOneWins()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Ledger().ClaimAsync(MessageId, "email", Now, Lease, CancellationToken.None)));

        Assert.Single(claims, claim => claim.Outcome == DeliveryClaimOutcome.Claimed);
        Assert.All(claims.Where(claim => claim.Outcome != DeliveryClaimOutcome.Claimed), claim => Assert.Equal(DeliveryClaimOutcome.Busy, claim.Outcome));
    }

    [Theory]
    [InlineData("digest|weekly|2026-11-23")]
    [InlineData("odd/id#with?every\\forbidden\tcharacter")]
    public async Task Claim_IdsWithCharactersTablesForbid_RoundTrip(string messageId)
    {
        var claim = await Ledger().ClaimAsync(messageId, "email", Now, Lease, CancellationToken.None);
        await Ledger().CompleteAsync(claim, refused: false, Now, null, CancellationToken.None);

        Assert.Equal(DeliveryClaimOutcome.AlreadySent, (await Ledger().ClaimAsync(messageId, "email", Now, Lease, CancellationToken.None)).Outcome);
        Assert.Equal(DeliveryClaimOutcome.Claimed, (await Ledger().ClaimAsync(messageId + "x", "email", Now, Lease, CancellationToken.None)).Outcome);
    }
}
