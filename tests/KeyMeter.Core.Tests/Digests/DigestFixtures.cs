using KeyMeter.Core.Digests;
using KeyMeter.Core.Keys;
using KeyMeter.Core.People;
using KeyMeter.Core.Reports;
using KeyMeter.Core.Tests.Cursor;
using KeyMeter.Core.Tests.Keys;
using KeyMeter.Core.Tests.Reports;

namespace KeyMeter.Core.Tests.Digests;

/// <summary>A <see cref="DigestBuilder"/> over aggregates, keys and teams in memory.</summary>
internal sealed class DigestFixtures
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public InMemoryAggregateReader Reader { get; } = new();

    public InMemoryKeyStore Keys { get; } = new();

    public InMemoryTeamMappingStore Teams { get; } = new();

    public DigestOptions Options { get; } = new();

    public Cursor.InMemoryAgentFactStore Facts { get; } = new();

    public DigestBuilder Builder() =>
        new(new AggregateReports(Reader), Keys, new PeopleDirectoryLoader(Keys, Teams), Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(new AgentSessionOptions()), Facts);

    public async Task AddKeyAsync(string id, string owner, decimal? daily, decimal? monthly)
    {
        var key = new DeveloperKey(id, owner.Split('@')[0], owner, new Dictionary<string, string>(), new KeyBudgets(daily, monthly), [], null, KeyStatus.Active, "hash-" + id, Created, Created);
        await Keys.CreateAsync(key, new KeyAuditEntry(id, KeyAuditActions.Created, "test", Created, "created"), CancellationToken.None);
    }
}
