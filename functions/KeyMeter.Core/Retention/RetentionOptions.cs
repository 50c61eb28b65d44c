using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Retention;

/// <summary>How long the <c>aggregates</c> table keeps what <see cref="UsageRetention"/> removes: <c>KeyMeter__Retention__*</c>.</summary>
/// <remarks>
/// The generated validator ignores <c>ErrorMessage</c> on <c>[Range]</c> (https://github.com/dotnet/runtime/issues/123137),
/// so a range failure names the setting as <c>RetentionOptions.{Name}</c>, which is <c>KeyMeter__Retention__{Name}</c>.
/// </remarks>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Retention";

    /// <summary>
    /// The de-duplication window: a record's marker is removed once the day it was counted on is more than this many
    /// days ago. A record redelivered or polled again after that would be counted twice, so keep it longer than any
    /// redelivery or Cursor poll overlap. Default 14.
    /// </summary>
    [Range(1, 365)]
    public int MarkerDays { get; set; } = 14;

    /// <summary>
    /// Daily aggregate rows older than this many days are removed, and so is every month partition that ended before
    /// that day, monthly rollups included. The month that holds the cutoff keeps its monthly rollups. Default 400, so a
    /// year-over-year report still finds last year's month.
    /// </summary>
    [Range(31, 3650)]
    public int AggregateDays { get; set; } = 400;

    /// <summary>
    /// The longest one run may take; a run that has not finished by then stops between batches and the next one
    /// continues. Keep it under host.json's <c>functionTimeout</c>. Default 4 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Rows read and deleted at a time; one batch is one entity-group transaction (at most 100 rows). Default 100.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A record redelivered inside the window whose month was already removed would be counted into fresh rows, so
        // aggregates must outlive markers.
        if (AggregateDays < MarkerDays)
        {
            yield return new ValidationResult(
                $"KeyMeter__Retention__AggregateDays ({AggregateDays}) must not be less than KeyMeter__Retention__MarkerDays ({MarkerDays}).",
                [nameof(AggregateDays), nameof(MarkerDays)]);
        }
    }
}
