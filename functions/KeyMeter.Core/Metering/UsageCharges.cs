namespace KeyMeter.Core.Metering;

/// <summary>
/// The <see cref="UsageRecord.Charge"/> values. A record without one is a call: one request, its tokens and cost. The
/// others come only from Cursor's Admin API (source <c>cursor</c>).
/// </summary>
public static class UsageCharges
{
    /// <summary>
    /// Takes an earlier record back: every counter of the record, the request included, is subtracted. A corrected
    /// Cursor event is published as the reversal of what was counted before plus the corrected record, each under its
    /// own deterministic id, so the aggregates move by exactly the difference and a redelivery changes nothing.
    /// </summary>
    public const string Reversal = "reversal";

    /// <summary>A day of one member's Cursor seat: a cost without a request or tokens, its own charge type in FOCUS.</summary>
    public const string Seat = "seat";

    public static bool IsKnown(string? charge) => charge is null or Reversal or Seat;
}
