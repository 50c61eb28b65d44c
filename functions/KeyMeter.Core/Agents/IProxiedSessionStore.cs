namespace KeyMeter.Core.Agents;

/// <summary>Where <see cref="ProxiedSessions"/> keeps the sessions whose calls went through the proxy, per developer.</summary>
public interface IProxiedSessionStore
{
    /// <summary>Records that <paramref name="developer"/>'s session <paramref name="sessionId"/> sent calls through the proxy (idempotent).</summary>
    Task MarkAsync(string developer, string sessionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="sessionIds"/> of <paramref name="developer"/> were marked.</summary>
    Task<IReadOnlySet<string>> FindAsync(string developer, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken);
}
