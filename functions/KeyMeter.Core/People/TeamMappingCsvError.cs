namespace KeyMeter.Core.People;

/// <summary>What is wrong on one line of an uploaded team mapping.</summary>
/// <param name="Line">The 1-based line the record starts on (a quoted cell may span lines); the BOM is not a line.</param>
public sealed record TeamMappingCsvError(int Line, string Message);
