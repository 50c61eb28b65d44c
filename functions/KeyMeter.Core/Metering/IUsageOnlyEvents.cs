namespace KeyMeter.Core.Metering;

/// <summary>
/// Which events of a Chat Completions stream are the usage-only chunk (non-null <c>usage</c>, no choices), as the meter
/// found while reading them: the one parse <see cref="UsageChunkFilter"/> relies on.
/// </summary>
internal interface IUsageOnlyEvents
{
    /// <summary>
    /// Whether event <paramref name="eventNumber"/> (from 1, counted by blank lines) was usage-only. Ask in increasing
    /// order, after the meter has seen the bytes that end the event.
    /// </summary>
    bool IsUsageOnly(long eventNumber);

    /// <summary>The upstream body ended cleanly: an event left without its blank line is read now.</summary>
    void EndStream();
}
