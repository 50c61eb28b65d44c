using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Cursor Admin API ingestion: <c>KeyMeter__Cursor__*</c>. The key itself is the secret <c>CursorAdminApiKey</c>
/// (Key Vault, or <c>KeyMeter__Secrets__CursorAdminApiKey</c> locally), never a setting.
/// </summary>
/// <remarks>
/// Limits and windows follow Cursor's documented ones (https://cursor.com/docs/api). A range failure names the setting as
/// <c>CursorOptions.{Name}</c>, which is <c>KeyMeter__Cursor__{Name}</c>.
/// </remarks>
public sealed class CursorOptions
{
    public const string SectionName = "KeyMeter:Cursor";

    /// <summary>
    /// Whether <c>cursor-poll</c>, <c>cursor-members</c> and <c>cursor-daily-usage</c> run. When true (the default)
    /// Cursor's ledger is the source of the Cursor Token Fee, so the proxy stops adding its own estimate of it; set false
    /// for a team without Admin API access, and the proxy's estimate counts instead.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Admin API's base URL. Default <c>https://api.cursor.com</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.cursor.com");

    /// <summary>How far back the first run reads usage events (as far as the API serves). Default 30 days.</summary>
    [Range(1, 365)]
    public int BackfillDays { get; set; } = 30;

    /// <summary>
    /// Every run reads again this many hours before its watermark, because Cursor corrects costs after the fact.
    /// Default 48.
    /// </summary>
    [Range(1, 720)]
    public int RereadHours { get; set; } = 48;

    /// <summary>
    /// The longest one <c>cursor-poll</c> run may take; a run that has not finished by then stops between days and the
    /// next run continues from the watermark. Keep it under host.json's <c>functionTimeout</c>. Default 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many UTC days, today included, every <c>cursor-daily-usage</c> run reads from <c>/teams/daily-usage-data</c>
    /// and stores again: Cursor aggregates hourly and fills in a day after it ends, so a day is read until it has
    /// settled. At most 30, the longest range one call may ask for. Default 3.
    /// </summary>
    [Range(1, 30)]
    public int DailyUsageDays { get; set; } = 3;

    /// <summary>Usage events per page, at most 1000. Default 1000.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Client-side limit for most Admin API endpoints, per minute. Default 20 (Cursor's limit per team).</summary>
    [Range(1, 1000)]
    public int RequestsPerMinute { get; set; } = 20;

    /// <summary>Client-side limit for <c>/teams/filtered-usage-events</c>, per minute. Default 60.</summary>
    [Range(1, 1000)]
    public int UsageEventsPerMinute { get; set; } = 60;

    /// <summary>Attempts per request on 429, 5xx and transport failures before the run gives up. Default 5.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First backoff after a 5xx; it doubles per attempt, with jitter. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the run, and the next run continues. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one HTTP request. Default 100 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Price of one seat per month in USD (Teams Standard is 40, Premium 120). <c>cursor-members</c> charges it per
    /// active member and day: the price divided by the days of that month. 0 turns seat cost off. Default 40.
    /// </summary>
    [Range(0, 100_000)]
    public decimal SeatPriceUsd { get; set; } = 40m;
}
