namespace KeyMeter.Core.Pricing;

/// <summary>
/// One model of the price table: its canonical id, the exact ids that mean the same model
/// (<see cref="Aliases"/>, such as dated snapshots) and the id prefixes that do (<see cref="Prefixes"/>,
/// so that future snapshots match), and its price periods ordered by start date.
/// </summary>
public sealed record ModelPricing(
    string Provider,
    string Model,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Prefixes,
    IReadOnlyList<PricePeriod> Periods)
{
    /// <summary>The most one call can bill; null when the table does not say (defaults apply).</summary>
    public ModelLimits? Limits { get; init; }

    /// <summary>The period covering <paramref name="day"/>, or null when the table has no price for that day.</summary>
    public PricePeriod? PeriodAt(DateOnly day)
    {
        foreach (var period in Periods)
        {
            if (period.Covers(day))
            {
                return period;
            }
        }

        return null;
    }
}
