namespace KeyMeter.Adapters.Tables;

/// <summary>An entity query.</summary>
/// <param name="Filter">An OData <c>$filter</c> built with <see cref="TableFilter"/>; null reads the whole table.</param>
/// <param name="Select">The properties to return; <c>PartitionKey</c> and <c>RowKey</c> are always returned.</param>
/// <param name="Top">
/// For <see cref="TableClient.QueryAsync"/> the total number of entities to return; for
/// <see cref="TableClient.QueryPageAsync"/> the page size (the service caps a page at 1000).
/// </param>
internal sealed record TableQuery(string? Filter = null, IReadOnlyList<string>? Select = null, int? Top = null);
