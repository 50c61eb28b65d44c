namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Where the next page of a query starts: the service's <c>x-ms-continuation-NextPartitionKey</c> and
/// <c>x-ms-continuation-NextRowKey</c> headers. Opaque tokens, not key values.
/// </summary>
internal sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);
