namespace KeyMeter.Core.People;

/// <summary>
/// Reads an uploaded email-to-team mapping: <c>email,team</c> per line, a header row of those two names optional (in
/// either order), blank lines skipped. All or nothing: one bad line and the result carries only errors, by line, so a
/// half-applied file never leaves the mapping in between. An email twice is an error rather than "last one wins":
/// in a hand-kept file it is far more often a mistake than an intent.
/// </summary>
public static class TeamMappingCsv
{
    internal const int MaxRows = 10_000;

    /// <summary>Enough to fix a file by; a file wrong on every line does not need 10,000 messages.</summary>
    internal const int MaxErrors = 100;

    private const string EmailHeader = "email";
    private const string TeamHeader = "team";

    public static TeamMappingCsvResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var assignments = new List<TeamAssignment>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<TeamMappingCsvError>();
        var (emailColumn, teamColumn) = (0, 1);
        var first = true;
        var rows = 0;
        foreach (var (line, cells, error) in TeamMappingCsvReader.Read(text))
        {
            if (errors.Count >= MaxErrors)
            {
                errors.Add(new TeamMappingCsvError(line, $"Stopped after {MaxErrors} errors; fix these first."));
                break;
            }

            // 1. A record the reader could not read.
            if (error is not null)
            {
                errors.Add(new TeamMappingCsvError(line, error));
                first = false;
                continue;
            }

            // 2. Blank lines, including a spreadsheet's empty rows (",").
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            // 3. The header row, which may only be the first row, and may give the columns in either order.
            var isFirst = first;
            first = false;
            if (isFirst && Header(cells) is { } columns)
            {
                (emailColumn, teamColumn) = columns;
                continue;
            }

            // 4. Size: counted before anything else about the row, so an oversized file stops here.
            if (++rows > MaxRows)
            {
                errors.Add(new TeamMappingCsvError(line, $"The file has more than {MaxRows} rows; import it in parts."));
                break;
            }

            // 5. Shape and values.
            if (cells.Count != 2)
            {
                errors.Add(new TeamMappingCsvError(line, $"Expected 2 cells, email and team; found {cells.Count}."));
                continue;
            }

            var (email, team) = (cells[emailColumn], cells[teamColumn]);
            if (TeamMapping.EmailError(email) is { } emailError)
            {
                errors.Add(new TeamMappingCsvError(line, isFirst ? emailError + $" A header row must be {EmailHeader},{TeamHeader}." : emailError));
            }

            if (TeamMapping.TeamError(team) is { } teamError)
            {
                errors.Add(new TeamMappingCsvError(line, teamError));
            }

            if (!TeamMapping.IsEmail(email) || !TeamMapping.IsTeamName(team))
            {
                continue;
            }

            // 6. Each email once, compared as the mapping compares them (trimmed, lowercased).
            var assignment = TeamMapping.Assign(email, team);
            if (lineOf.TryGetValue(assignment.Email, out var earlier))
            {
                errors.Add(new TeamMappingCsvError(line, $"This email is already on line {earlier}; each email may appear once."));
                continue;
            }

            lineOf.Add(assignment.Email, line);
            assignments.Add(assignment);
        }

        if (errors.Count == 0 && assignments.Count == 0)
        {
            errors.Add(new TeamMappingCsvError(1, $"The file has no rows: write one {EmailHeader},{TeamHeader} pair per line."));
        }

        return errors.Count == 0 ? TeamMappingCsvResult.Ok(assignments) : TeamMappingCsvResult.Invalid(errors);
    }

    /// <summary>The columns a header row names, or null when the row is not a header.</summary>
    private static (int Email, int Team)? Header(IReadOnlyList<string> cells)
    {
        if (cells.Count != 2)
        {
            return null;
        }

        var (a, b) = (cells[0].Trim(), cells[1].Trim());
        return IsName(a, EmailHeader) && IsName(b, TeamHeader) ? (0, 1)
            : IsName(a, TeamHeader) && IsName(b, EmailHeader) ? (1, 0)
            : null;
    }

    private static bool IsName(string cell, string name) => string.Equals(cell, name, StringComparison.OrdinalIgnoreCase);
}
