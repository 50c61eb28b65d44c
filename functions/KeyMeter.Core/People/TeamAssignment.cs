namespace KeyMeter.Core.People;

/// <summary>One developer's team: Cursor usage of <paramref name="Email"/> is tagged <c>team=</c><paramref name="Team"/>.</summary>
/// <param name="Email">Lowercased and trimmed (<see cref="TeamMapping.NormalizeEmail"/>).</param>
public sealed record TeamAssignment(string Email, string Team);
