using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Cursor;

/// <summary>Logs of the Cursor pollers (EventIds 7050–7149; the HTTP client has 7000–7049). Never a key.</summary>
internal static partial class CursorLog
{
    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Cursor usage events for {Day}: {Events} read, {New} new, {Corrected} corrected, {Unchanged} unchanged, {Republished} republished after an interrupted run.")]
    public static partial void DayPolled(ILogger logger, DateOnly day, int events, int @new, int corrected, int unchanged, int republished);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Information, Message = "Cursor usage poll: first run, backfilling from {Start:O}.")]
    public static partial void Backfilling(ILogger logger, DateTimeOffset start);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Warning, Message = "Cursor usage poll stopped after {Elapsed} with days left; the next run continues from {Watermark:O}.")]
    public static partial void StoppedEarly(ILogger logger, TimeSpan elapsed, DateTimeOffset watermark);

    [LoggerMessage(EventId = 7053, Level = LogLevel.Warning, Message = "Cursor returned {Count} usage event(s) outside the requested window for {Day}; they were ignored.")]
    public static partial void OutsideWindow(ILogger logger, int count, DateOnly day);

    [LoggerMessage(EventId = 7054, Level = LogLevel.Warning, Message = "Cursor kept reporting more usage-event pages for {Day} after {Pages} pages; the rest is read on the next run.")]
    public static partial void TooManyPages(ILogger logger, DateOnly day, int pages);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Cursor roster for {Day}: {Members} member(s), {Seats} seat(s) charged at {SeatPrice} USD a month; spend snapshot of {SpendRows} row(s) kept.")]
    public static partial void MembersSynced(ILogger logger, DateOnly day, int members, int seats, decimal seatPrice, int spendRows);
}
