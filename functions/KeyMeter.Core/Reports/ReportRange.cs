using System.Globalization;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>An inclusive range of UTC days, as the <c>from</c> and <c>to</c> query parameters give it.</summary>
public sealed record ReportRange
{
    internal const int MaxDays = 400;
    internal const int DefaultDays = 30;
    public const string DateFormat = "yyyy-MM-dd";

    // Partitions and row keys are yyyy-MM: keep well inside four-digit years so day arithmetic never overflows.
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    public ReportRange(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A report range cannot end before it starts.");
        }

        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>How many days the range covers, both ends included.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, UTC days, inclusive). A missing <c>to</c> is today (UTC); a
    /// missing <c>from</c> is <see cref="DefaultDays"/> days ending at <c>to</c>.
    /// </summary>
    public static ReportParseResult<ReportRange> Parse(string? from, string? to, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!TryParseDay(to, out var last))
        {
            return Invalid("to");
        }

        if (!TryParseDay(from, out var first))
        {
            return Invalid("from");
        }

        last ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        first ??= last.Value.AddDays(1 - DefaultDays);
        if (last < first)
        {
            return ReportParseResult<ReportRange>.Invalid("to", $"'to' ({Format(last.Value)}) is before 'from' ({Format(first.Value)}).");
        }

        var days = last.Value.DayNumber - first.Value.DayNumber + 1;
        return days > MaxDays
            ? ReportParseResult<ReportRange>.Invalid("from", $"The range covers {days} days; a report covers at most {MaxDays}.")
            : ReportParseResult<ReportRange>.Ok(new ReportRange(first.Value, last.Value));
    }

    /// <summary>Every day of the range, in order.</summary>
    internal IEnumerable<DateOnly> EachDay()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The range cut at month boundaries, in order; a month the range covers entirely is whole.</summary>
    internal IReadOnlyList<ReportMonth> Months()
    {
        var months = new List<ReportMonth>();
        var first = From;
        while (first <= To)
        {
            var monthStart = new DateOnly(first.Year, first.Month, 1);
            var monthEnd = monthStart.AddMonths(1).AddDays(-1);
            var last = monthEnd < To ? monthEnd : To;
            months.Add(new ReportMonth(AggregateKeys.Partition(first), first, last, first == monthStart && last == monthEnd));
            first = last.AddDays(1);
        }

        return months;
    }

    public override string ToString() => $"{Format(From)}..{Format(To)}";

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>True for a well-formed day or an absent one (<paramref name="day"/> null).</summary>
    private static bool TryParseDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed < Earliest || parsed > Latest)
        {
            return false;
        }

        day = parsed;
        return true;
    }

    // The message does not echo the input: whatever was pasted into a query string stays out of responses.
    private static ReportParseResult<ReportRange> Invalid(string parameter) =>
        ReportParseResult<ReportRange>.Invalid(
            parameter,
            $"'{parameter}' must be a UTC day written yyyy-MM-dd (such as 2026-11-01) between {Format(Earliest)} and {Format(Latest)}.");
}
