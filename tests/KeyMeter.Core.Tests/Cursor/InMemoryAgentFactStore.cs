using KeyMeter.Core.Agents;

namespace KeyMeter.Core.Tests.Cursor;

/// <summary><see cref="IAgentFactStore"/> in memory: one entry per day, developer, agent, name and series; a put replaces.</summary>
internal sealed class InMemoryAgentFactStore : IAgentFactStore
{
    private readonly Dictionary<(DateOnly Day, string Developer, string Agent, string Name, string Series), AgentFact> _facts = [];

    public IReadOnlyCollection<AgentFact> All => _facts.Values;

    public int Puts { get; private set; }

    public Task PutAsync(IReadOnlyList<AgentFact> facts, CancellationToken cancellationToken)
    {
        Puts++;
        foreach (var fact in facts)
        {
            _facts[(fact.Day, fact.Developer, fact.Agent, fact.Name, fact.Series)] = fact;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentFact>> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentFact>>([.. _facts.Values.Where(fact => fact.Day >= from && fact.Day <= to)]);

    /// <summary>The one fact stored under these keys, or null.</summary>
    public AgentFact? Find(DateOnly day, string developer, string name) =>
        _facts.GetValueOrDefault((day, developer, "cursor", name, "cursor-daily"));
}
