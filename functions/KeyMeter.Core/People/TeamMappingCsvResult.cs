namespace KeyMeter.Core.People;

/// <summary>
/// An uploaded team mapping read whole: every assignment when every line is good, otherwise only the errors, so a
/// file with one bad line stores nothing.
/// </summary>
public sealed record TeamMappingCsvResult
{
    private TeamMappingCsvResult(IReadOnlyList<TeamAssignment> assignments, IReadOnlyList<TeamMappingCsvError> errors)
    {
        Assignments = assignments;
        Errors = errors;
    }

    /// <summary>Normalised, one per email, in file order; empty when there are errors.</summary>
    public IReadOnlyList<TeamAssignment> Assignments { get; }

    /// <summary>By line; empty when the file is good.</summary>
    public IReadOnlyList<TeamMappingCsvError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    internal static TeamMappingCsvResult Ok(IReadOnlyList<TeamAssignment> assignments) => new(assignments, []);

    internal static TeamMappingCsvResult Invalid(IReadOnlyList<TeamMappingCsvError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("An invalid file has errors.", nameof(errors)) : new([], errors);
}
