using System.Globalization;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Agents;

namespace KeyMeter.Adapters.Agents;

/// <summary>
/// <see cref="IAgentFactStore"/> on the <c>agentfacts</c> table (keys from <see cref="AgentFactKeys"/>). A put is
/// insert-or-replace in entity-group transactions of at most 100 rows per month partition; each row stands alone, so a
/// put cut short leaves whole facts and the next put of the same facts writes the rest. The fact is read back from the
/// row's properties, never from its key. <c>Value</c> is a string in the invariant culture: a decimal round-trips
/// exactly as text, not as a Double.
/// </summary>
internal sealed class TableAgentFactStore(TableProvider tables) : IAgentFactStore
{
    public const string DayProperty = "Day";
    public const string DeveloperProperty = "Developer";
    public const string AgentProperty = "Agent";
    public const string NameProperty = "Name";
    public const string SeriesProperty = "Series";
    public const string ValueProperty = "Value";
    public const string KindProperty = "Kind";

    private const string DayFormat = "yyyy-MM-dd";

    public async Task PutAsync(IReadOnlyList<AgentFact> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);

        // 1. One row per key and partition, the last fact given winning: a transaction may touch a row only once.
        var partitions = new SortedDictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact, nameof(facts));
            var partition = AgentFactKeys.Partition(fact.Day);
            if (!partitions.TryGetValue(partition, out var rows))
            {
                partitions[partition] = rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            }

            var entity = Write(partition, fact);
            rows[entity.RowKey] = entity;
        }

        if (partitions.Count == 0)
        {
            return;
        }

        // 2. Each partition in transactions of at most 100 upserts.
        var table = await TableAsync(cancellationToken);
        foreach (var rows in partitions.Values)
        {
            foreach (var batch in rows.Values.Chunk(TableBatchRequest.MaxOperations))
            {
                var result = await table.SubmitTransactionAsync(
                    [.. batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))],
                    cancellationToken);
                if (!result.Succeeded)
                {
                    // Upserts have no expected failure: no precondition, and no 409 or 404.
                    throw new TableRequestFailedException(table.Name, "Transaction", result.FailedStatus ?? 0, result.ErrorCode);
                }
            }
        }
    }

    public async Task<IReadOnlyList<AgentFact>> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var facts = new List<AgentFact>();
        if (to < from)
        {
            return facts;
        }

        // Rows start with their day, so the range is one row-key range in each month's partition.
        var table = await TableAsync(cancellationToken);
        var rowFrom = AgentFactKeys.RowFrom(from);
        var rowTo = AgentFactKeys.RowFrom(to.AddDays(1));
        foreach (var partition in AgentFactKeys.Partitions(from, to))
        {
            await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.PartitionRange(partition, rowFrom, rowTo)), cancellationToken))
            {
                var fact = Read(entity);
                if (fact.Day >= from && fact.Day <= to)
                {
                    facts.Add(fact);
                }
            }
        }

        return facts;
    }

    private static TableEntity Write(string partition, AgentFact fact) =>
        new(partition, AgentFactKeys.Row(fact))
        {
            [DayProperty] = fact.Day.ToString(DayFormat, CultureInfo.InvariantCulture),
            [DeveloperProperty] = fact.Developer,
            [AgentProperty] = fact.Agent,
            [NameProperty] = fact.Name,
            [SeriesProperty] = fact.Series,
            [ValueProperty] = fact.Value.ToString(CultureInfo.InvariantCulture),
            [KindProperty] = fact.Kind.ToString(),
        };

    private static AgentFact Read(TableEntity entity)
    {
        var dayText = Required(entity, DayProperty);
        var valueText = Required(entity, ValueProperty);
        var kindText = Required(entity, KindProperty);
        if (!DateOnly.TryParseExact(dayText, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !Enum.TryParse<AgentFactKind>(kindText, ignoreCase: false, out var kind)
            || !Enum.IsDefined(kind))
        {
            throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} of table '{AgentFactKeys.TableName}' holds a day, value or kind that cannot be read.");
        }

        return new AgentFact(
            day,
            Required(entity, DeveloperProperty),
            Required(entity, AgentProperty),
            Required(entity, NameProperty),
            Required(entity, SeriesProperty),
            value,
            kind);
    }

    private static string Required(TableEntity entity, string property) =>
        entity.GetString(property)
            ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} of table '{AgentFactKeys.TableName}' has no {property}.");

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(AgentFactKeys.TableName, cancellationToken);
}
