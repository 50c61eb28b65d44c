using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.People;

namespace KeyMeter.Adapters.People;

/// <summary>
/// <see cref="ITeamMappingStore"/> on the <c>teams</c> table (keys from <see cref="TeamMappingKeys"/>): one row per
/// email with <c>Email</c>, <c>Team</c> and <c>UpdatedAt</c>. The mapping is small, so a list reads the one partition.
/// </summary>
internal sealed class TableTeamMappingStore(TableProvider tables, TimeProvider time) : ITeamMappingStore
{
    public const string EmailProperty = "Email";
    public const string TeamProperty = "Team";
    public const string UpdatedAtProperty = "UpdatedAt";

    public async Task<IReadOnlyList<TeamAssignment>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var assignments = new List<TeamAssignment>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.Equal("PartitionKey", TeamMappingKeys.Partition)), cancellationToken))
        {
            assignments.Add(Read(entity));
        }

        // Row keys are escaped emails, and an escape sorts differently from the character it stands for.
        return [.. assignments.OrderBy(assignment => assignment.Email, StringComparer.Ordinal)];
    }

    public async Task<TeamAssignment?> GetAsync(string email, CancellationToken cancellationToken)
    {
        var row = TeamMappingKeys.Row(email);
        var table = await TableAsync(cancellationToken);
        var result = await table.GetAsync(TeamMappingKeys.Partition, row, cancellationToken);
        return result.IsSuccess ? Read(result.Value!) : null;
    }

    public async Task UpsertAsync(IReadOnlyList<TeamAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var updatedAt = time.GetUtcNow();
        var actions = assignments.Select(assignment =>
        {
            ArgumentNullException.ThrowIfNull(assignment, nameof(assignments));
            ArgumentException.ThrowIfNullOrEmpty(assignment.Team, nameof(assignments));
            var email = TeamMapping.NormalizeEmail(assignment.Email);
            var entity = new TableEntity(TeamMappingKeys.Partition, TeamMappingKeys.Row(email))
            {
                [EmailProperty] = email,
                [TeamProperty] = assignment.Team,
                [UpdatedAtProperty] = updatedAt,
            };
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        }).ToList();

        var table = await TableAsync(cancellationToken);
        foreach (var batch in actions.Chunk(TableBatchRequest.MaxOperations))
        {
            var result = await table.SubmitTransactionAsync(batch, cancellationToken);
            if (!result.Succeeded)
            {
                // Upserts have no expected failure: no precondition, and no 409 or 404.
                throw new TableRequestFailedException(table.Name, "Transaction", result.FailedStatus ?? 0, result.ErrorCode);
            }
        }
    }

    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        var row = TeamMappingKeys.Row(email);
        var table = await TableAsync(cancellationToken);
        var result = await table.DeleteAsync(TeamMappingKeys.Partition, row, cancellationToken);
        return result.IsSuccess;
    }

    private static TeamAssignment Read(TableEntity entity) =>
        new(
            entity.GetString(EmailProperty) ?? TeamMappingKeys.UnescapeKey(entity.RowKey),
            entity.GetString(TeamProperty)
                ?? throw new InvalidOperationException($"Team row '{entity.RowKey}' of table '{TeamMappingKeys.TableName}' has no {TeamProperty}."));

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TeamMappingKeys.TableName, cancellationToken);
}
