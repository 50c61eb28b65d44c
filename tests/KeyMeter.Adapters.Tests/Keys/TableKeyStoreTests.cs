using KeyMeter.Adapters.Keys;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Keys;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableKeyStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private TableProvider _tables = null!;
    private TableKeyStore _store = null!;

    public Task InitializeAsync()
    {
        _tables = new TableProvider(azurite.Service, _prefix);
        _store = new TableKeyStore(_tables);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        var table = await _tables.GetAsync(KeyTableLayout.TableName, CancellationToken.None);
        await table.DeleteIfExistsAsync(CancellationToken.None);
    }

    private static DeveloperKey NewKey(string name = "alice-laptop", string? secret = null) => new(
        KeyId.New(),
        name,
        "alice@example.com",
        new Dictionary<string, string> { ["team"] = "platform" },
        new KeyBudgets(12.345678m, null),
        ["gpt-5", "claude-*"],
        Now.AddDays(30),
        KeyStatus.Active,
        KeySecret.Hash(secret ?? KeySecret.Generate()),
        Now,
        Now);

    private static KeyAuditEntry Audit(DeveloperKey key, string action, int secondsLater = 0) =>
        new(key.Id, action, "admin@example.com", Now.AddSeconds(secondsLater), "details");

    private async Task<List<TableEntity>> AllRowsAsync()
    {
        var table = await _tables.GetAsync(KeyTableLayout.TableName, CancellationToken.None);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), CancellationToken.None))
        {
            rows.Add(entity);
        }

        return rows;
    }

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsEveryField()
    {
        var key = NewKey();

        Assert.Equal(KeyWriteOutcome.Success, await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None));
        var stored = await _store.GetAsync(key.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.Version));
        Assert.Equal(key.Id, stored.Key.Id);
        Assert.Equal(key.Name, stored.Key.Name);
        Assert.Equal(key.Tags, stored.Key.Tags);
        Assert.Equal(key.Budgets, stored.Key.Budgets);
        Assert.Equal(key.AllowedModels, stored.Key.AllowedModels);
        Assert.Equal(key.ExpiresAt, stored.Key.ExpiresAt);
        Assert.Equal(key.SecretHash, stored.Key.SecretHash);
        Assert.Equal(key.CreatedAt, stored.Key.CreatedAt);
        Assert.Equal(4, (await AllRowsAsync()).Count);
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_DuplicateNameAndNothingWritten()
    {
        var first = NewKey("Shared Name");
        await _store.CreateAsync(first, Audit(first, "created"), CancellationToken.None);
        var second = NewKey(" shared name ");

        var outcome = await _store.CreateAsync(second, Audit(second, "created"), CancellationToken.None);

        Assert.Equal(KeyWriteOutcome.DuplicateName, outcome);
        Assert.Null(await _store.GetAsync(second.Id, CancellationToken.None));
        Assert.Null(await _store.FindBySecretHashAsync(second.SecretHash, CancellationToken.None));
        Assert.Equal(4, (await AllRowsAsync()).Count);
    }

    [Fact]
    public async Task FindBySecretHashAsync_KnownAndUnknown()
    {
        var secret = KeySecret.Generate();
        var key = NewKey(secret: secret);
        await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None);

        Assert.Equal(key.Id, (await _store.FindBySecretHashAsync(KeySecret.Hash(secret), CancellationToken.None))!.Id);
        Assert.Null(await _store.FindBySecretHashAsync(KeySecret.Hash(KeySecret.Generate()), CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ConcurrentChangeAndNothingWritten()
    {
        var key = NewKey();
        await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None);
        var read = (await _store.GetAsync(key.Id, CancellationToken.None))!;
        Assert.Equal(KeyWriteOutcome.Success, await _store.UpdateAsync(read, key with { Status = KeyStatus.Disabled }, Audit(key, "updated", 1), CancellationToken.None));

        var outcome = await _store.UpdateAsync(read, key with { Budgets = KeyBudgets.Unlimited }, Audit(key, "updated", 2), CancellationToken.None);

        Assert.Equal(KeyWriteOutcome.ConcurrentChange, outcome);
        var current = (await _store.GetAsync(key.Id, CancellationToken.None))!.Key;
        Assert.Equal(KeyStatus.Disabled, current.Status);
        Assert.Equal(key.Budgets, current.Budgets);
        Assert.Equal(2, (await _store.GetAuditAsync(key.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task UpdateAsync_NewSecretHash_MovesTheLookupRow()
    {
        var key = NewKey();
        await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None);
        var read = (await _store.GetAsync(key.Id, CancellationToken.None))!;
        var rotated = key with { SecretHash = KeySecret.Hash(KeySecret.Generate()) };

        await _store.UpdateAsync(read, rotated, Audit(key, "rotated", 1), CancellationToken.None);

        Assert.Null(await _store.FindBySecretHashAsync(key.SecretHash, CancellationToken.None));
        Assert.Equal(key.Id, (await _store.FindBySecretHashAsync(rotated.SecretHash, CancellationToken.None))!.Id);
        Assert.DoesNotContain(await AllRowsAsync(), row => row.RowKey.Contains(key.SecretHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_Revoke_FreesNameAndKeepsAuditNewestFirst()
    {
        var key = NewKey();
        await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None);
        var read = (await _store.GetAsync(key.Id, CancellationToken.None))!;

        await _store.UpdateAsync(read, key with { Status = KeyStatus.Revoked }, Audit(key, "revoked", 5), CancellationToken.None);
        var again = NewKey(key.Name);

        Assert.Equal(KeyWriteOutcome.Success, await _store.CreateAsync(again, Audit(again, "created"), CancellationToken.None));
        var audit = await _store.GetAuditAsync(key.Id, CancellationToken.None);
        Assert.Equal(["revoked", "created"], audit.Select(entry => entry.Action));
        Assert.Equal(2, (await _store.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ListAsync_OnlyKeys_NotIndexOrAuditRows()
    {
        for (var i = 0; i < 3; i++)
        {
            var key = NewKey($"key-{i}");
            await _store.CreateAsync(key, Audit(key, "created"), CancellationToken.None);
        }

        var keys = await _store.ListAsync(CancellationToken.None);

        Assert.Equal(3, keys.Count);
        Assert.All(keys, key => Assert.True(KeyId.IsWellFormed(key.Id)));
    }
}
