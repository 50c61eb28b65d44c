using System.Globalization;

namespace KeyMeter.Core.Digests;

/// <summary>The UTC days one digest covers: one day, or a Monday to Sunday week; both ends included.</summary>
public sealed record DigestPeriod(DigestKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The digest's message id: <c>digest|daily|2026-12-01</c>, <c>digest|weekly|2026-11-23</c> (the Monday).</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"digest|{(Kind == DigestKind.Daily ? "daily" : "weekly")}|{From:yyyy-MM-dd}");

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period just before, for the change in spend.</summary>
    public DigestPeriod Previous => new(Kind, From.AddDays(-Days), From.AddDays(-1));

    public DigestPeriod Next => new(Kind, To.AddDays(1), To.AddDays(Days));

    /// <summary>The newest period that is over on <paramref name="today"/>: yesterday, or the last whole Monday–Sunday week.</summary>
    public static DigestPeriod LatestComplete(DigestKind kind, DateOnly today) =>
        Containing(kind, kind == DigestKind.Daily ? today.AddDays(-1) : Containing(DigestKind.Weekly, today).From.AddDays(-1));

    /// <summary>The period of <paramref name="kind"/> that holds <paramref name="day"/>.</summary>
    public static DigestPeriod Containing(DigestKind kind, DateOnly day)
    {
        if (kind == DigestKind.Daily)
        {
            return new DigestPeriod(kind, day, day);
        }

        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new DigestPeriod(kind, monday, monday.AddDays(6));
    }

    /// <summary>How the period reads in a subject line: <c>2026-12-01</c> or <c>2026-11-23 to 2026-11-29</c>.</summary>
    public string Label => Kind == DigestKind.Daily
        ? From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}");
}
