namespace KeyMeter.Core.Agents;

/// <summary>Where <see cref="AgentFact"/>s are kept.</summary>
public interface IAgentFactStore
{
    /// <summary>Stores <paramref name="facts"/>, replacing any stored under the same day, developer, agent, name and series.</summary>
    Task PutAsync(IReadOnlyList<AgentFact> facts, CancellationToken cancellationToken);

    /// <summary>Every fact of the UTC days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    Task<IReadOnlyList<AgentFact>> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
