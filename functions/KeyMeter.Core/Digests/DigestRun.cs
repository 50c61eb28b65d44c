namespace KeyMeter.Core.Digests;

/// <summary>What one digest run did.</summary>
/// <param name="Sent">Periods that went out (or had nowhere to go) this run, oldest first.</param>
/// <param name="Failed">The period a channel still owes, which the next run sends again; null when none.</param>
/// <param name="NothingConfigured">No channel is configured: the periods were passed over.</param>
public sealed record DigestRun(IReadOnlyList<DigestPeriod> Sent, DigestPeriod? Failed, bool NothingConfigured);
