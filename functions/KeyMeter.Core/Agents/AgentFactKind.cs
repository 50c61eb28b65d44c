namespace KeyMeter.Core.Agents;

/// <summary>How an <see cref="AgentFact"/>'s value adds up with the day's other series of the same name.</summary>
public enum AgentFactKind
{
    /// <summary>The day's amount of this series, whole (a daily total, or one delta point): the day's figure is the sum over series.</summary>
    Amount = 0,

    /// <summary>
    /// A running total since the series started, as its last point of the day reports it: the day's figure is the
    /// increase over the series' last point of an earlier day (or the value itself on its first day).
    /// </summary>
    Cumulative = 1,
}
