namespace KeyMeter.Core.People;

/// <summary>Port to the email-to-team mapping (table <c>teams</c>), maintained through <c>/manage/teams</c>.</summary>
public interface ITeamMappingStore
{
    /// <summary>Every assignment, ordered by email.</summary>
    Task<IReadOnlyList<TeamAssignment>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The assignment of <paramref name="email"/> (normalised), or null.</summary>
    Task<TeamAssignment?> GetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces each assignment (emails already normalised and distinct).</summary>
    Task UpsertAsync(IReadOnlyList<TeamAssignment> assignments, CancellationToken cancellationToken);

    /// <summary>Removes the assignment of <paramref name="email"/>; false when there was none.</summary>
    Task<bool> DeleteAsync(string email, CancellationToken cancellationToken);
}
