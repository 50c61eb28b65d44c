using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Keys;

public sealed class KeyManagementTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly InMemoryKeyStore _store = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly RecordingKeyChangeSignal _changes = new();
    private readonly KeyManagement _keys;

    public KeyManagementTests() => _keys = new KeyManagement(_store, _time, _changes);

    private static CreateKeyRequest Valid(string name = "alice-laptop") => new(
        name,
        "Alice@Example.com",
        new Dictionary<string, string> { ["team"] = "platform", ["project"] = "checkout" },
        new BudgetsInput(5m, 100m),
        ["gpt-5", "claude-*"],
        null);

    [Fact]
    public async Task CreateAsync_ValidRequest_ReturnsSecretOnceAndStoresOnlyItsHash()
    {
        var result = await _keys.CreateAsync(Valid(), "admin@example.com", CancellationToken.None);

        Assert.Equal(KeyResultKind.Ok, result.Kind);
        var created = result.Value!;
        Assert.True(KeySecret.IsWellFormed(created.Secret));
        var stored = await _store.GetAsync(created.Key.Id, CancellationToken.None);
        Assert.Equal(KeySecret.Hash(created.Secret), stored!.Key.SecretHash);
        Assert.Equal("alice@example.com", stored.Key.OwnerEmail);
        Assert.Equal(KeyStatus.Active, stored.Key.Status);
        Assert.Equal(new KeyBudgets(5m, 100m), stored.Key.Budgets);
        var audit = Assert.Single(_store.AllAudit);
        Assert.Equal(KeyAuditActions.Created, audit.Action);
        Assert.Equal("admin@example.com", audit.Actor);
        Assert.Equal(Start, audit.At);
        Assert.DoesNotContain(created.Secret, audit.Changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "a@example.com", 1.0, "name")]
    [InlineData("  ", "a@example.com", 1.0, "name")]
    [InlineData("ok", null, 1.0, "ownerEmail")]
    [InlineData("ok", "not-an-email", 1.0, "ownerEmail")]
    [InlineData("ok", "a@b@example.com", 1.0, "ownerEmail")]
    [InlineData("ok", "a@example.com", -0.01, "budgets.daily")]
    public async Task CreateAsync_BadInput_InvalidAndNothingStored(string? name, string? email, double daily, string field)
    {
        var request = new CreateKeyRequest(name, email, null, new BudgetsInput((decimal)daily, null), null, null);

        var result = await _keys.CreateAsync(request, "admin", CancellationToken.None);

        Assert.Equal(KeyResultKind.Invalid, result.Kind);
        Assert.Contains(field, result.Errors!.ToDictionary().Keys);
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
        Assert.Empty(_store.AllAudit);
    }

    [Fact]
    public async Task CreateAsync_BadTagsModelsAndExpiry_ReportsEachField()
    {
        var request = new CreateKeyRequest(
            "ok",
            "a@example.com",
            new Dictionary<string, string> { ["Team Name"] = "x", ["project"] = "" },
            null,
            ["gpt 5", "gp*t"],
            Start.AddMinutes(-1));

        var result = await _keys.CreateAsync(request, "admin", CancellationToken.None);

        var errors = result.Errors!.ToDictionary();
        Assert.Equal(2, errors["tags"].Length);
        Assert.Equal(2, errors["allowedModels"].Length);
        Assert.Single(errors["expiresAt"]);
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameIgnoringCase_Conflict()
    {
        await _keys.CreateAsync(Valid("Alice-Laptop"), "admin", CancellationToken.None);

        var second = await _keys.CreateAsync(Valid(" alice-laptop "), "admin", CancellationToken.None);

        Assert.Equal(KeyResultKind.Conflict, second.Kind);
        Assert.Single(await _store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PatchAsync_BudgetsAndStatus_AppliesMergeSemanticsAndAudits()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        _time.Advance(TimeSpan.FromMinutes(5));
        var patch = new KeyPatch(
            Optional<decimal?>.Of(null),
            Optional<decimal?>.Absent,
            Optional<IReadOnlyDictionary<string, string>?>.Absent,
            Optional<IReadOnlyList<string>?>.Of(null),
            Optional<KeyStatus>.Of(KeyStatus.Disabled),
            Optional<DateTimeOffset?>.Absent);

        var result = await _keys.PatchAsync(created.Key.Id, patch, "bob", CancellationToken.None);

        var key = result.Value!;
        Assert.Null(key.Budgets.DailyUsd);
        Assert.Equal(100m, key.Budgets.MonthlyUsd);
        Assert.Empty(key.AllowedModels);
        Assert.Equal(created.Key.Tags, key.Tags);
        Assert.Equal(KeyStatus.Disabled, key.Status);
        Assert.Equal(Start.AddMinutes(5), key.UpdatedAt);
        var audit = (await _store.GetAuditAsync(created.Key.Id, CancellationToken.None))[0];
        Assert.Equal(KeyAuditActions.Updated, audit.Action);
        Assert.Contains("budgets.daily: 5 -> none", audit.Changes, StringComparison.Ordinal);
        Assert.Contains("status: active -> disabled", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchAsync_NegativeBudget_InvalidAndUnchanged()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        var patch = new KeyPatch(Optional<decimal?>.Of(-1m), default, default, default, default, default);

        var result = await _keys.PatchAsync(created.Key.Id, patch, "bob", CancellationToken.None);

        Assert.Equal(KeyResultKind.Invalid, result.Kind);
        Assert.Equal(5m, (await _store.GetAsync(created.Key.Id, CancellationToken.None))!.Key.Budgets.DailyUsd);
        Assert.Single(_store.AllAudit);
    }

    [Fact]
    public async Task PatchAsync_UnknownId_NotFound()
    {
        var patch = new KeyPatch(Optional<decimal?>.Of(1m), default, default, default, default, default);

        Assert.Equal(KeyResultKind.NotFound, (await _keys.PatchAsync(KeyId.New(), patch, "bob", CancellationToken.None)).Kind);
        Assert.Equal(KeyResultKind.NotFound, (await _keys.PatchAsync("../etc", patch, "bob", CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task PatchAsync_LosesRaceTwice_RetriesAndSucceeds()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        _store.ConcurrentWritersAhead = 2;
        var patch = new KeyPatch(Optional<decimal?>.Of(7m), default, default, default, default, default);

        var result = await _keys.PatchAsync(created.Key.Id, patch, "bob", CancellationToken.None);

        Assert.Equal(7m, result.Value!.Budgets.DailyUsd);
    }

    [Fact]
    public async Task PatchAsync_AlwaysLosesRace_Conflict()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        _store.ConcurrentWritersAhead = 10;
        var patch = new KeyPatch(Optional<decimal?>.Of(7m), default, default, default, default, default);

        var result = await _keys.PatchAsync(created.Key.Id, patch, "bob", CancellationToken.None);

        Assert.Equal(KeyResultKind.Conflict, result.Kind);
    }

    [Fact]
    public async Task RotateAsync_ActiveKey_NewSecretReplacesOldHash()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;

        var rotated = (await _keys.RotateAsync(created.Key.Id, "admin", CancellationToken.None)).Value!;

        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Null(await _store.FindBySecretHashAsync(KeySecret.Hash(created.Secret), CancellationToken.None));
        Assert.Equal(created.Key.Id, (await _store.FindBySecretHashAsync(KeySecret.Hash(rotated.Secret), CancellationToken.None))!.Id);
        var audit = (await _store.GetAuditAsync(created.Key.Id, CancellationToken.None))[0];
        Assert.Equal(KeyAuditActions.Rotated, audit.Action);
        Assert.DoesNotContain(rotated.Secret, audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAsync_ThenPatchOrRotate_Conflict()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;

        var revoked = await _keys.RevokeAsync(created.Key.Id, "admin", CancellationToken.None);
        var patch = new KeyPatch(default, default, default, default, Optional<KeyStatus>.Of(KeyStatus.Active), default);

        Assert.Equal(KeyStatus.Revoked, revoked.Value!.Status);
        Assert.False(revoked.Value.IsUsableAt(Start));
        Assert.Equal(KeyResultKind.Conflict, (await _keys.PatchAsync(created.Key.Id, patch, "admin", CancellationToken.None)).Kind);
        Assert.Equal(KeyResultKind.Conflict, (await _keys.RotateAsync(created.Key.Id, "admin", CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task RevokeAsync_Twice_WritesOneAuditEntry()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;

        await _keys.RevokeAsync(created.Key.Id, "admin", CancellationToken.None);
        var again = await _keys.RevokeAsync(created.Key.Id, "admin", CancellationToken.None);

        Assert.Equal(KeyResultKind.Ok, again.Kind);
        Assert.Equal(2, _store.AllAudit.Count);
    }

    [Fact]
    public async Task RevokeAsync_FreesTheName()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        await _keys.RevokeAsync(created.Key.Id, "admin", CancellationToken.None);

        var again = await _keys.CreateAsync(Valid(), "admin", CancellationToken.None);

        Assert.Equal(KeyResultKind.Ok, again.Kind);
    }

    [Fact]
    public void IsUsableAt_Expired_False()
    {
        var key = new DeveloperKey("key_0123456789abcdef0123", "n", "a@example.com", new Dictionary<string, string>(), KeyBudgets.Unlimited, [], Start, KeyStatus.Active, "h", Start, Start);

        Assert.True(key.IsUsableAt(Start.AddTicks(-1)));
        Assert.False(key.IsUsableAt(Start));
    }

    [Fact]
    public async Task Commands_EverySuccessfulWrite_IsSignalledBeforeReturning()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        var id = created.Key.Id;

        await _keys.RotateAsync(id, "admin", CancellationToken.None);
        await _keys.PatchAsync(id, new KeyPatch(Optional<decimal?>.Of(9m), default, default, default, default, default), "admin", CancellationToken.None);
        await _keys.RevokeAsync(id, "admin", CancellationToken.None);

        Assert.Equal([id, id, id, id], _changes.Changed);
    }

    [Fact]
    public async Task Commands_NothingWritten_NothingSignalled()
    {
        var created = (await _keys.CreateAsync(Valid(), "admin", CancellationToken.None)).Value!;
        _changes.Changed.Clear();

        await _keys.CreateAsync(Valid(), "admin", CancellationToken.None);
        await _keys.PatchAsync(created.Key.Id, new KeyPatch(default, default, default, default, default, default), "admin", CancellationToken.None);
        await _keys.RevokeAsync("key_missing", "admin", CancellationToken.None);

        Assert.Empty(_changes.Changed);
    }
}
