using KeyMeter.Core.People;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Manage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.People;

/// <summary>
/// The <c>/manage/teams</c> routes of the <c>manage</c> function: the email-to-team mapping that tags Cursor usage,
/// one email at a time or a whole CSV at once. Auth level "function", like <see cref="ManageEndpoints"/>. The email in
/// the route arrives URL-decoded (<c>alice%40example.com</c> is <c>alice@example.com</c>) and compares case-insensitively.
/// </summary>
internal static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/manage/teams");
        group.MapGet(string.Empty, ListAsync);
        group.MapPost("import", ImportAsync).WithBodyLimit(BodyLimits.TeamImport);
        group.MapGet("{email}", GetAsync);
        group.MapPut("{email}", PutAsync);
        group.MapDelete("{email}", DeleteAsync);
        return endpoints;
    }

    public static async Task<JsonHttpResult<IReadOnlyList<TeamAssignment>>> ListAsync(ITeamMappingStore teams, CancellationToken cancellationToken) =>
        TypedResults.Json(await teams.ListAsync(cancellationToken), ManageJsonContext.Default.IReadOnlyListTeamAssignment);

    public static async Task<Results<JsonHttpResult<TeamAssignment>, ProblemHttpResult>> GetAsync(
        string email, ITeamMappingStore teams, CancellationToken cancellationToken)
    {
        if (TeamMapping.EmailError(email) is { } error)
        {
            return Invalid(("email", error));
        }

        return await teams.GetAsync(TeamMapping.NormalizeEmail(email), cancellationToken) is { } assignment
            ? TypedResults.Json(assignment, ManageJsonContext.Default.TeamAssignment)
            : NotFound();
    }

    public static async Task<Results<JsonHttpResult<TeamAssignment>, ProblemHttpResult>> PutAsync(
        string email, HttpRequest request, ITeamMappingStore teams, ILogger<ITeamMappingStore> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, ManageJsonContext.Default.TeamRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (emailError, teamError) = (TeamMapping.EmailError(email), TeamMapping.TeamError(body!.Team));
        if (emailError is not null || teamError is not null)
        {
            return Invalid(("email", emailError), ("team", teamError));
        }

        var assignment = TeamMapping.Assign(email, body.Team!);
        var actor = ManageActor.Of(request, manage.Value);
        await teams.UpsertAsync([assignment], cancellationToken);
        TeamLog.AssignmentSet(logger, actor);
        return TypedResults.Json(assignment, ManageJsonContext.Default.TeamAssignment);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string email, HttpRequest request, ITeamMappingStore teams, ILogger<ITeamMappingStore> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        if (TeamMapping.EmailError(email) is { } error)
        {
            return Invalid(("email", error));
        }

        if (!await teams.DeleteAsync(TeamMapping.NormalizeEmail(email), cancellationToken))
        {
            return NotFound();
        }

        var actor = ManageActor.Of(request, manage.Value);
        TeamLog.AssignmentRemoved(logger, actor);
        return TypedResults.NoContent();
    }

    /// <summary>Stores every row of a CSV, or none: one bad line and the answer is a 400 that lists every bad line.</summary>
    public static async Task<Results<JsonHttpResult<TeamImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ITeamMappingStore teams, ILogger<ITeamMappingStore> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var (text, problem) = await TeamCsvBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var actor = ManageActor.Of(request, manage.Value);
        var result = TeamMappingCsv.Parse(text!);
        if (!result.IsValid)
        {
            TeamLog.ImportRefused(logger, actor, result.Errors.Count);
            var lines = result.Errors
                .GroupBy(error => error.Line)
                .OrderBy(line => line.Key)
                .Select(line => ($"line {line.Key}", line.Select(error => error.Message).ToArray()));
            return ValidationProblems.Of("The team mapping is invalid", lines, $"{result.Errors.Count} error(s); nothing was imported.");
        }

        await teams.UpsertAsync(result.Assignments, cancellationToken);
        TeamLog.Imported(logger, actor, result.Assignments.Count);
        return TypedResults.Json(new TeamImportResponse(result.Assignments.Count), ManageJsonContext.Default.TeamImportResponse);
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("This email has no team assignment.", statusCode: StatusCodes.Status404NotFound, title: "Team assignment not found");

    private static ProblemHttpResult Invalid(params (string Field, string? Error)[] errors) =>
        ValidationProblems.Of("The team assignment is invalid", [.. errors.Select(error => ((string?)error.Field, error.Error))]);
}
