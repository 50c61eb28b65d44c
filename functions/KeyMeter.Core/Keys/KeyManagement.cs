namespace KeyMeter.Core.Keys;

/// <summary>
/// The key commands behind the <c>manage</c> endpoints: validation, secret generation, optimistic
/// concurrency and audit. Bad input changes nothing. Every successful write is signalled to
/// <see cref="IKeyChangeSignal"/> before the command returns, so key caches drop the old state at once.
/// </summary>
public sealed class KeyManagement(IKeyStore store, TimeProvider time, IKeyChangeSignal changeSignal)
{
    private const int MaxConcurrencyAttempts = 3;

    public async Task<KeyResult<CreatedKey>> CreateAsync(CreateKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new KeyValidationErrors();
        KeyRules.CheckName(request.Name, errors);
        KeyRules.CheckEmail(request.OwnerEmail, errors);
        KeyRules.CheckTags(request.Tags, errors);
        KeyRules.CheckBudget("budgets.daily", request.Budgets?.Daily, errors);
        KeyRules.CheckBudget("budgets.monthly", request.Budgets?.Monthly, errors);
        KeyRules.CheckAllowedModels(request.AllowedModels, errors);
        KeyRules.CheckExpiry(request.ExpiresAt, now, errors);
        if (!errors.IsEmpty)
        {
            return KeyResult<CreatedKey>.Invalid(errors);
        }

        var secret = KeySecret.Generate();
        var key = new DeveloperKey(
            Id: KeyId.New(),
            Name: request.Name!.Trim(),
            OwnerEmail: request.OwnerEmail!.Trim().ToLowerInvariant(),
            Tags: new Dictionary<string, string>(request.Tags ?? [], StringComparer.Ordinal),
            Budgets: new KeyBudgets(request.Budgets?.Daily, request.Budgets?.Monthly),
            AllowedModels: [.. request.AllowedModels ?? []],
            ExpiresAt: request.ExpiresAt?.ToUniversalTime(),
            Status: KeyStatus.Active,
            SecretHash: KeySecret.Hash(secret),
            CreatedAt: now,
            UpdatedAt: now);
        var audit = new KeyAuditEntry(key.Id, KeyAuditActions.Created, actor, now, KeyChangeDescriber.Describe(key));
        if (await store.CreateAsync(key, audit, cancellationToken) != KeyWriteOutcome.Success)
        {
            return KeyResult<CreatedKey>.Conflict($"A key named '{key.Name}' already exists.");
        }

        await changeSignal.KeyChangedAsync(key.Id, cancellationToken);
        return KeyResult<CreatedKey>.Ok(new CreatedKey(key, secret));
    }

    public Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken) =>
        store.ListAsync(cancellationToken);

    public async Task<KeyResult<DeveloperKey>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var stored = KeyId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        return stored is null ? NotFound<DeveloperKey>(id) : KeyResult<DeveloperKey>.Ok(stored.Key);
    }

    public async Task<KeyResult<IReadOnlyList<KeyAuditEntry>>> GetAuditAsync(string id, CancellationToken cancellationToken)
    {
        var stored = KeyId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        return stored is null
            ? NotFound<IReadOnlyList<KeyAuditEntry>>(id)
            : KeyResult<IReadOnlyList<KeyAuditEntry>>.Ok(await store.GetAuditAsync(id, cancellationToken));
    }

    public Task<KeyResult<DeveloperKey>> PatchAsync(string id, KeyPatch patch, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, KeyAuditActions.Updated, key => Apply(key, patch), cancellationToken);

    public async Task<KeyResult<CreatedKey>> RotateAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var secret = KeySecret.Generate();
        var hash = KeySecret.Hash(secret);
        var result = await ChangeAsync(
            id,
            actor,
            KeyAuditActions.Rotated,
            key => key.Status == KeyStatus.Revoked
                ? KeyResult<DeveloperKey>.Conflict("A revoked key cannot be rotated; create a new key.")
                : KeyResult<DeveloperKey>.Ok(key with { SecretHash = hash }),
            cancellationToken);
        return result.Kind == KeyResultKind.Ok
            ? KeyResult<CreatedKey>.Ok(new CreatedKey(result.Value!, secret))
            : new KeyResult<CreatedKey>(result.Kind, null, result.Errors, result.Detail);
    }

    public Task<KeyResult<DeveloperKey>> RevokeAsync(string id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, KeyAuditActions.Revoked, key => KeyResult<DeveloperKey>.Ok(key with { Status = KeyStatus.Revoked }), cancellationToken);

    /// <summary>Read, change, write under the read version; re-read and re-apply when someone else wrote first.</summary>
    private async Task<KeyResult<DeveloperKey>> ChangeAsync(
        string id,
        string actor,
        string action,
        Func<DeveloperKey, KeyResult<DeveloperKey>> change,
        CancellationToken cancellationToken)
    {
        if (!KeyId.IsWellFormed(id))
        {
            return NotFound<DeveloperKey>(id);
        }

        for (var attempt = 0; attempt < MaxConcurrencyAttempts; attempt++)
        {
            var stored = await store.GetAsync(id, cancellationToken);
            if (stored is null)
            {
                return NotFound<DeveloperKey>(id);
            }

            var changed = change(stored.Key);
            if (changed.Kind != KeyResultKind.Ok)
            {
                return changed;
            }

            var updated = changed.Value!;
            var secretChanged = !string.Equals(updated.SecretHash, stored.Key.SecretHash, StringComparison.Ordinal);
            if (updated == stored.Key || (!secretChanged && KeyChangeDescriber.Describe(stored.Key, updated) == "no change"))
            {
                return KeyResult<DeveloperKey>.Ok(stored.Key);
            }

            var now = time.GetUtcNow();
            updated = updated with { UpdatedAt = now };
            var changes = secretChanged ? "secret replaced; the previous secret no longer works" : KeyChangeDescriber.Describe(stored.Key, updated);
            var audit = new KeyAuditEntry(id, action, actor, now, changes);
            if (await store.UpdateAsync(stored, updated, audit, cancellationToken) == KeyWriteOutcome.Success)
            {
                await changeSignal.KeyChangedAsync(id, cancellationToken);
                return KeyResult<DeveloperKey>.Ok(updated);
            }
        }

        return KeyResult<DeveloperKey>.Conflict("The key was changed by someone else at the same time; retry.");
    }

    private KeyResult<DeveloperKey> Apply(DeveloperKey key, KeyPatch patch)
    {
        if (key.Status == KeyStatus.Revoked)
        {
            return KeyResult<DeveloperKey>.Conflict("A revoked key cannot be changed.");
        }

        var errors = new KeyValidationErrors();
        var daily = patch.DailyBudget.IsPresent ? patch.DailyBudget.Value : key.Budgets.DailyUsd;
        var monthly = patch.MonthlyBudget.IsPresent ? patch.MonthlyBudget.Value : key.Budgets.MonthlyUsd;
        var tags = patch.Tags.IsPresent ? patch.Tags.Value ?? new Dictionary<string, string>() : key.Tags;
        var models = patch.AllowedModels.IsPresent ? patch.AllowedModels.Value ?? [] : key.AllowedModels;
        var expiresAt = patch.ExpiresAt.IsPresent ? patch.ExpiresAt.Value?.ToUniversalTime() : key.ExpiresAt;
        KeyRules.CheckBudget("budgets.daily", daily, errors);
        KeyRules.CheckBudget("budgets.monthly", monthly, errors);
        KeyRules.CheckTags(tags, errors);
        KeyRules.CheckAllowedModels(models, errors);
        if (patch.ExpiresAt.IsPresent)
        {
            KeyRules.CheckExpiry(expiresAt, time.GetUtcNow(), errors);
        }

        if (!errors.IsEmpty)
        {
            return KeyResult<DeveloperKey>.Invalid(errors);
        }

        return KeyResult<DeveloperKey>.Ok(key with
        {
            Budgets = new KeyBudgets(daily, monthly),
            Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
            AllowedModels = [.. models],
            Status = patch.Status.IsPresent ? patch.Status.Value : key.Status,
            ExpiresAt = expiresAt,
        });
    }

    private static KeyResult<T> NotFound<T>(string id) =>
        KeyResult<T>.NotFound(KeyId.IsWellFormed(id) ? $"No key with id '{id}'." : "No key with that id.");
}
