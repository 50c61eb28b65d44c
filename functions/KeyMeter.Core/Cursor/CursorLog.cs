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

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Cursor daily usage {From} to {To}: {Rows} row(s) read, {DeveloperDays} developer day(s) and {Facts} fact(s) stored.")]
    public static partial void DailyUsageSynced(ILogger logger, DateOnly from, DateOnly to, int rows, int developerDays, int facts);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Cursor daily usage: {Rows} row(s) without an email were skipped; they cannot be attributed to a developer.")]
    public static partial void DailyUsageWithoutEmail(ILogger logger, int rows);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Cursor daily usage: {Rows} row(s) whose day is missing or outside {From} to {To} were skipped.")]
    public static partial void DailyUsageOutsideRange(ILogger logger, int rows, DateOnly from, DateOnly to);
}
