namespace KeyMeter.Core.Reports;

/// <summary>
/// Cursor's ledger against the proxy's, per developer and day (<see cref="ReconciliationBuilder"/>), with the two
/// lists an administrator acts on: who sends BYOK traffic around KeyMeter, and who uses Cursor without a key.
/// </summary>
/// <param name="Developers">Every developer with requests in the range, by email.</param>
/// <param name="Bypassing">Developers with a bypassing or partial day, most unmetered requests first.</param>
/// <param name="WithoutKey">Developers with Cursor requests but no KeyMeter key, most Cursor requests first; <c>(unknown)</c> is left out.</param>
public sealed record ReconciliationReport(
    ReportRange Range,
    ReconciliationCounts Total,
    long UnmeteredRequests,
    IReadOnlyList<ReconciliationDeveloper> Developers,
    IReadOnlyList<ReconciliationDeveloper> Bypassing,
    IReadOnlyList<ReconciliationDeveloper> WithoutKey);
