namespace KeyMeter.Adapters.Tables;

/// <summary>One <c>application/http</c> part of a <c>$batch</c> response.</summary>
internal sealed record TableBatchOperationResponse(int Status, string? ContentId, string? ETag, TableServiceError Error);
