namespace KeyMeter.Core.Cursor;

/// <summary>
/// Port to the poller's ledger of published Cursor events (table <c>cursorledger</c>, one partition per UTC day of the
/// event). Only the <c>cursor-poll</c> timer writes it, one run at a time.
/// </summary>
public interface ICursorLedger
{
    /// <summary>Every entry of events on <paramref name="day"/>.</summary>
    Task<IReadOnlyList<CursorLedgerEntry>> LoadDayAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces <paramref name="entries"/>, all of events on <paramref name="day"/>.</summary>
    Task SaveAsync(DateOnly day, IReadOnlyList<CursorLedgerEntry> entries, CancellationToken cancellationToken);
}
