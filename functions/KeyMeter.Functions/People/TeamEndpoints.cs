namespace KeyMeter.Functions.People;

/// <summary>The <c>/manage/teams</c> routes of the <c>manage</c> function.</summary>
internal static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
