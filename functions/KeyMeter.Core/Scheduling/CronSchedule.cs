using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KeyMeter.Core.Scheduling;

/// <summary>
/// An Azure Functions timer schedule: an NCRONTAB expression
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c> (five fields = no seconds, as the timer extension
/// also accepts), or a TimeSpan such as <c>00:05:00</c> meaning "every five minutes".
/// Occurrences are in UTC, the Functions default when <c>WEBSITE_TIME_ZONE</c> is unset.
/// </summary>
/// <remarks>
/// Day of month and day of week follow NCrontab, which the timer extension uses: a date must satisfy both fields
/// (<c>CrontabSchedule.TryGetNextOccurrence</c> checks the day of week after the day of month), unlike Vixie cron's
/// "either". https://github.com/atifaziz/NCrontab/blob/master/NCrontab/CrontabSchedule.cs
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions
/// </remarks>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    // A Gregorian calendar repeats every 400 years: a schedule with no occurrence in that span has none at all.
    private const int CalendarCycleYears = 400;

    private readonly CronField _seconds;
    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _days;
    private readonly CronField _months;
    private readonly CronField _daysOfWeek;

    private CronSchedule(string expression, TimeSpan? interval, CronField[] fields)
    {
        Expression = expression;
        Interval = interval;
        if (fields.Length == 6)
        {
            (_seconds, _minutes, _hours, _days, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        }
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>The interval of a TimeSpan schedule; null for an NCRONTAB schedule.</summary>
    public TimeSpan? Interval { get; }

    public static bool TryParse(
        string expression,
        [NotNullWhen(true)] out CronSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var text = expression?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = "The schedule is empty.";
            return false;
        }

        // 1. TimeSpan form: the timer extension tries NCRONTAB first and falls back to TimeSpan.TryParse.
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero)
            {
                error = $"Invalid schedule '{text}': a TimeSpan schedule must be a positive interval such as 00:05:00.";
                return false;
            }

            schedule = new CronSchedule(text, interval, []);
            error = null;
            return true;
        }

        // 2. NCRONTAB form: six fields, or five without seconds.
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            error = $"Invalid schedule '{text}': expected six fields '{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}' " +
                $"or a TimeSpan such as 00:05:00, found {parts.Length} field(s).";
            return false;
        }

        if (parts.Length == 5)
        {
            parts = ["0", .. parts];
        }

        // 3. Each field. Day of week is 0-6 (Sunday = 0) as in NCrontab, which the Azure timer uses: a schedule the
        //    host would reject at start must not run locally.
        var fields = new CronField[6];
        if (!CronField.TryParse(parts[0], "second", 0, 59, null, out fields[0], out var fieldError)
            || !CronField.TryParse(parts[1], "minute", 0, 59, null, out fields[1], out fieldError)
            || !CronField.TryParse(parts[2], "hour", 0, 23, null, out fields[2], out fieldError)
            || !CronField.TryParse(parts[3], "day", 1, 31, null, out fields[3], out fieldError)
            || !CronField.TryParse(parts[4], "month", 1, 12, MonthNames, out fields[4], out fieldError)
            || !CronField.TryParse(parts[5], "day-of-week", 0, 6, DayNames, out fields[5], out fieldError))
        {
            error = $"Invalid schedule '{text}': {fieldError}.";
            return false;
        }

        // 4. Reject schedules that can never fire, e.g. '0 0 0 30 2 *' (February 30th).
        var candidate = new CronSchedule(text, null, fields);
        if (candidate.FindNext(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), 2000 + CalendarCycleYears) is null)
        {
            error = $"Invalid schedule '{text}': it never occurs (no date matches its day, month and day-of-week fields).";
            return false;
        }

        schedule = candidate;
        error = null;
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>, in UTC.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset afterUtc)
    {
        var after = afterUtc.UtcDateTime;
        if (Interval is { } interval)
        {
            return new DateTimeOffset(after, TimeSpan.Zero).Add(interval);
        }

        if (after.Year >= DateTime.MaxValue.Year - 1)
        {
            return DateTimeOffset.MaxValue;
        }

        var start = new DateTime(after.Ticks - (after.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);
        var lastYear = Math.Min(start.Year + CalendarCycleYears, DateTime.MaxValue.Year - 1);
        return FindNext(start, lastYear) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : DateTimeOffset.MaxValue;
    }

    public override string ToString() => Expression;

    /// <summary>The first matching second at or after <paramref name="time"/> up to the end of <paramref name="lastYear"/>.</summary>
    private DateTime? FindNext(DateTime time, int lastYear)
    {
        while (time.Year <= lastYear)
        {
            // 1. Month: skip to the first day of the next month.
            if (!_months.Contains(time.Month))
            {
                time = new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            // 2. Day: day of month and day of week must both allow the date (NCrontab semantics, see remarks).
            if (!_days.Contains(time.Day) || !_daysOfWeek.Contains((int)time.DayOfWeek))
            {
                time = time.Date.AddDays(1);
                continue;
            }

            // 3. Hour: the next allowed hour today, or tomorrow.
            var hour = _hours.NextOrSelf(time.Hour);
            if (hour < 0)
            {
                time = time.Date.AddDays(1);
                continue;
            }

            if (hour != time.Hour)
            {
                time = time.Date.AddHours(hour);
            }

            // 4. Minute: the next allowed minute in this hour, or the next hour.
            var hourStart = time.Date.AddHours(time.Hour);
            var minute = _minutes.NextOrSelf(time.Minute);
            if (minute < 0)
            {
                time = hourStart.AddHours(1);
                continue;
            }

            if (minute != time.Minute)
            {
                time = hourStart.AddMinutes(minute);
            }

            // 5. Second: the next allowed second in this minute, or the next minute.
            var minuteStart = hourStart.AddMinutes(time.Minute);
            var second = _seconds.NextOrSelf(time.Second);
            if (second < 0)
            {
                time = minuteStart.AddMinutes(1);
                continue;
            }

            return minuteStart.AddSeconds(second);
        }

        return null;
    }
}
