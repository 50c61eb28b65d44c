using System.Globalization;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Metering;

namespace KeyMeter.Adapters.Agents;

/// <summary>
/// <see cref="IProxiedSessionStore"/> on the <c>proxiedsessions</c> table: a partition per developer (a digest of the
/// email, so no character of it can break a key), a row per session id, <c>FirstSeen</c> when the proxy first saw it.
/// </summary>
internal sealed class TableProxiedSessionStore(TableProvider tables) : IProxiedSessionStore
{
    public const string FirstSeenProperty = "FirstSeen";

    public async Task MarkAsync(string developer, string sessionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(ProxiedSessions.TableName, cancellationToken);
        var entity = new TableEntity(Partition(developer), sessionId)
        {
            [FirstSeenProperty] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };

        // Merge: a second mark of the same session changes nothing that matters.
        await table.UpsertAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindAsync(string developer, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (sessionIds.Count == 0)
        {
            return found;
        }

        var table = await tables.GetAsync(ProxiedSessions.TableName, cancellationToken);
        var partition = Partition(developer);
        foreach (var session in sessionIds)
        {
            var result = await table.GetAsync(partition, session, cancellationToken, [FirstSeenProperty]);
            if (result.IsSuccess)
            {
                found.Add(session);
            }
        }

        return found;
    }

    private static string Partition(string developer) => ContentHash.Of(developer);
}
