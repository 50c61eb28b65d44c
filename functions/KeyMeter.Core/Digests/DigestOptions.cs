using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Digests;

/// <summary>The daily and weekly digests: <c>KeyMeter__Digests__*</c>.</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Digests";

    /// <summary>Send the digests. Default true (they go nowhere until a channel is configured).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The organisation's time zone (IANA, such as <c>Europe/Berlin</c>) for the night hours. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The hour night starts in <see cref="TimeZone"/>, 0–23. Default 22.</summary>
    [Range(0, 23)]
    public int NightStartHour { get; set; } = 22;

    /// <summary>The hour night ends (exclusive), 0–23. Default 6: night is 22:00–05:59.</summary>
    [Range(0, 23)]
    public int NightEndHour { get; set; } = 6;

    /// <summary>How many developers, projects and models each top list shows. Default 5.</summary>
    [Range(1, 50)]
    public int TopCount { get; set; } = 5;

    /// <summary>How far back a run sends digests it missed (a failed send, a stopped app). Default 7 days.</summary>
    [Range(1, 60)]
    public int MaxCatchUpDays { get; set; } = 7;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>True when <paramref name="localHour"/> falls in the night window (which may span midnight).</summary>
    public bool IsNight(int localHour) => NightStartHour <= NightEndHour
        ? localHour >= NightStartHour && localHour < NightEndHour
        : localHour >= NightStartHour || localHour < NightEndHour;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"KeyMeter__Digests__TimeZone must be an IANA time zone such as Europe/Berlin or UTC; '{TimeZone}' is not known here.",
                [nameof(TimeZone)]);
        }

        if (NightStartHour == NightEndHour)
        {
            yield return new ValidationResult(
                "KeyMeter__Digests__NightStartHour and KeyMeter__Digests__NightEndHour must differ (the night would be empty).",
                [nameof(NightStartHour), nameof(NightEndHour)]);
        }
    }
}
