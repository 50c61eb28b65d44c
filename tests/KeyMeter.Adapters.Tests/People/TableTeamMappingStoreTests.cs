using KeyMeter.Adapters.People;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.People;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.People;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableTeamMappingStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 7, 9, 30, 0, TimeSpan.Zero);

    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ManualTimeProvider _time = new(Now);

    private TableTeamMappingStore Store() => new(_tables, _time);

    [Fact]
    public async Task ListAsync_NothingStored_Empty()
    {
        Assert.Empty(await Store().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_SeveralEmails_ListOrderedByEmail()
    {
        await Store().UpsertAsync(
            [new("carol@example.com", "data"), new("alice@example.com", "platform"), new("a/b@example.com", "web"), new("a.b@example.com", "ops")],
            CancellationToken.None);

        var listed = await Store().ListAsync(CancellationToken.None);

        // '/' sorts after '.', but its row key "a%2Fb" sorts before "a.b": the order is the emails', not the keys'.
        Assert.Equal<TeamAssignment>(
            [new("a.b@example.com", "ops"), new("a/b@example.com", "web"), new("alice@example.com", "platform"), new("carol@example.com", "data")],
            listed);
    }

    [Fact]
    public async Task UpsertAsync_SameEmailAgain_ReplacesTeamAndUpdatedAt()
    {
        await Store().UpsertAsync([new("alice@example.com", "platform")], CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        await Store().UpsertAsync([new("alice@example.com", "data")], CancellationToken.None);

        Assert.Equal(new TeamAssignment("alice@example.com", "data"), Assert.Single(await Store().ListAsync(CancellationToken.None)));
        var table = await _tables.GetAsync(TeamMappingKeys.TableName, CancellationToken.None);
        var row = (await table.GetAsync(TeamMappingKeys.Partition, "alice@example.com", CancellationToken.None)).Value!;
        Assert.Equal(Now.AddHours(1), row.GetDateTimeOffset(TableTeamMappingStore.UpdatedAtProperty));
    }

    [Fact]
    public async Task GetAsync_MixedCaseEmail_FindsNormalisedAssignment()
    {
        await Store().UpsertAsync([new("alice@example.com", "platform")], CancellationToken.None);

        Assert.Equal(new TeamAssignment("alice@example.com", "platform"), await Store().GetAsync(" Alice@Example.COM", CancellationToken.None));
        Assert.Null(await Store().GetAsync("bob@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_Existing_TrueAndGone()
    {
        await Store().UpsertAsync([new("alice@example.com", "platform"), new("bob@example.com", "data")], CancellationToken.None);

        Assert.True(await Store().DeleteAsync("Alice@example.com", CancellationToken.None));

        Assert.Null(await Store().GetAsync("alice@example.com", CancellationToken.None));
        Assert.Equal(new TeamAssignment("bob@example.com", "data"), Assert.Single(await Store().ListAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task DeleteAsync_Missing_False()
    {
        Assert.False(await Store().DeleteAsync("nobody@example.com", CancellationToken.None));
    }

    [Theory]
    [InlineData("dev/ops@example.com")]
    [InlineData("dev#1@example.com")]
    [InlineData("what?%2f\\@example.com")]
    public async Task Store_EmailWithForbiddenKeyCharacters_UpsertGetListDeleteWork(string email)
    {
        await Store().UpsertAsync([new(email, "platform")], CancellationToken.None);

        Assert.Equal(new TeamAssignment(email, "platform"), await Store().GetAsync(email, CancellationToken.None));
        Assert.Equal(new TeamAssignment(email, "platform"), Assert.Single(await Store().ListAsync(CancellationToken.None)));
        Assert.True(await Store().DeleteAsync(email, CancellationToken.None));
        Assert.Empty(await Store().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_250Assignments_AllListed()
    {
        var assignments = Enumerable.Range(0, 250).Select(i => new TeamAssignment($"dev{i:D3}@example.com", $"team{i % 7}")).ToList();

        await Store().UpsertAsync(assignments, CancellationToken.None);

        Assert.Equal(assignments, await Store().ListAsync(CancellationToken.None));
    }
}
