using System.Collections.Concurrent;

namespace KeyMeter.Core.Agents;

/// <summary>
/// How a model call that went through the proxy and also arrives in the agent's telemetry is counted once. The proxy
/// meters the call itself (the provider's own usage, priced by KeyMeter) and marks the agent's session as proxied for
/// the key's developer before the answer ends; the telemetry receiver drops the calls of a proxied session, because the
/// proxy counted each of them already. An agent sends all calls of one session to the same base URL, so a session is
/// either proxied whole or not at all.
/// </summary>
/// <remarks>
/// <para>
/// The match is one-sided on purpose: telemetry never removes a proxy record, so nothing a client sends in its
/// telemetry can lower what its proxied calls cost. A client that names a session on the proxy can at most hide its own
/// telemetry for that session, which it could also simply not send.
/// </para>
/// <para>
/// Marks are written once per session and process (the first call of a session), in the background while the call is
/// forwarded; the proxy waits for the mark only before it records the call, so the answer's first byte never waits on
/// storage. Sessions known to be proxied are remembered in memory on both sides (at most <see cref="MaxRemembered"/>).
/// </para>
/// </remarks>
public sealed class ProxiedSessions(IProxiedSessionStore store, TimeProvider time)
{
    /// <summary>The table the marks are kept in (<see cref="IProxiedSessionStore"/>).</summary>
    public const string TableName = "proxiedsessions";

    /// <summary>Sessions remembered per process before the memory starts over.</summary>
    public const int MaxRemembered = 20_000;

    /// <summary>
    /// How long a session read as not proxied is believed: its telemetry keeps arriving every few seconds, and without
    /// this every export would read the store again. A session only turns proxied if the agent is restarted on it with
    /// another base URL; its calls in that window would be counted by both sides.
    /// </summary>
    public static readonly TimeSpan NotProxiedFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Developer, string Session), Task> _marks = new();
    private readonly ConcurrentDictionary<(string Developer, string Session), DateTimeOffset> _notProxied = new();

    /// <summary>
    /// Marks <paramref name="sessionId"/> of <paramref name="developer"/> as proxied: the store is written on the first
    /// call only; later calls get the same task. A failed write is forgotten, so the next call tries again.
    /// </summary>
    public Task MarkAsync(string developer, string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(developer);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var key = (developer, sessionId);
        _notProxied.TryRemove(key, out _);
        if (_marks.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (_marks.Count >= MaxRemembered)
        {
            _marks.Clear();
        }

        // Two first calls at once may both write: the mark is idempotent.
        var task = _marks.GetOrAdd(key, WriteAsync);
        if (task.IsFaulted)
        {
            _marks.TryRemove(KeyValuePair.Create(key, task));
        }

        return task;
    }

    /// <summary>Which of <paramref name="sessionIds"/> of <paramref name="developer"/> went through the proxy.</summary>
    public async Task<IReadOnlySet<string>> FindProxiedAsync(string developer, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(developer);
        ArgumentNullException.ThrowIfNull(sessionIds);
        var proxied = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var now = time.GetUtcNow();
        foreach (var session in sessionIds.Distinct(StringComparer.Ordinal))
        {
            if (_marks.TryGetValue((developer, session), out var mark) && mark.IsCompletedSuccessfully)
            {
                proxied.Add(session);
            }
            else if (!(_notProxied.TryGetValue((developer, session), out var until) && until > now))
            {
                unknown.Add(session);
            }
        }

        if (unknown.Count > 0)
        {
            var found = await store.FindAsync(developer, unknown, cancellationToken);
            if (_notProxied.Count >= MaxRemembered)
            {
                _notProxied.Clear();
            }

            foreach (var session in unknown)
            {
                if (found.Contains(session))
                {
                    proxied.Add(session);
                    Remember(developer, session);
                }
                else
                {
                    _notProxied[(developer, session)] = now + NotProxiedFor;
                }
            }
        }

        return proxied;
    }

    private async Task WriteAsync((string Developer, string Session) key)
    {
        try
        {
            await store.MarkAsync(key.Developer, key.Session, time.GetUtcNow(), CancellationToken.None);
        }
        catch
        {
            // Forgotten, so the session's next call writes the mark again.
            _marks.TryRemove(key, out _);
            throw;
        }
    }

    private void Remember(string developer, string session)
    {
        if (_marks.Count >= MaxRemembered)
        {
            _marks.Clear();
        }

        _marks.TryAdd((developer, session), Task.CompletedTask);
    }
}
