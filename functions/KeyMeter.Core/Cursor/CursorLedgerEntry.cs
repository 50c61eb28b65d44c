using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// What KeyMeter last published for one Cursor usage event: the poller's memory of the ledger, so a re-read event
/// that has not changed publishes nothing and a corrected one publishes only the difference.
/// </summary>
/// <param name="EventKey">The event's stable identity (<see cref="CursorEventIdentity"/>); the row key.</param>
/// <param name="Revision">0 for the first version published, one more per correction.</param>
/// <param name="Published">The record of <paramref name="Revision"/> as published.</param>
/// <param name="Previous">While <paramref name="Pending"/>: the record this revision replaces, to publish its reversal.</param>
/// <param name="Pending">Written before publishing and cleared after, so a run that died in between publishes again
/// (under the same ids, so nothing counts twice).</param>
public sealed record CursorLedgerEntry(string EventKey, int Revision, UsageRecord Published, UsageRecord? Previous, bool Pending);
