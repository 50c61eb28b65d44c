using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace KeyMeter.Core.Alerts;

/// <summary>Budget alerts: <c>KeyMeter__Alerts__*</c>.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Alerts";

    /// <summary>Send budget alerts. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Percentages of a budget that each raise one alert, comma-separated, ascending. Default <c>50,80,100</c>.</summary>
    public string Thresholds { get; set; } = "50,80,100";

    /// <summary>The parsed <see cref="Thresholds"/>; empty when they do not parse (the validator reports that).</summary>
    public IReadOnlyList<int> ThresholdList()
    {
        var parts = (Thresholds ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return [];
            }

            values.Add(value);
        }

        return values;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var values = ThresholdList();
        if (values.Count == 0 || values.Any(value => value is < 1 or > 1000) || !values.SequenceEqual(values.Distinct().Order()))
        {
            yield return new ValidationResult(
                $"KeyMeter__Alerts__Thresholds must be ascending whole percentages from 1 to 1000, comma-separated (such as 50,80,100); it is '{Thresholds}'.",
                [nameof(Thresholds)]);
        }
    }
}
