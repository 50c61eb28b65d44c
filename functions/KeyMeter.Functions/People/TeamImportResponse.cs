namespace KeyMeter.Functions.People;

/// <summary>The body of a successful <c>POST /manage/teams/import</c>: how many assignments were stored.</summary>
internal sealed record TeamImportResponse(int Imported);
