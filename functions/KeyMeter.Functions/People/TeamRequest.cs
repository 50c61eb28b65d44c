namespace KeyMeter.Functions.People;

/// <summary>The body of <c>PUT /manage/teams/{email}</c>: <c>{"team":"platform"}</c>.</summary>
internal sealed record TeamRequest(string? Team);
