namespace KeyMeter.Adapters.Tables;

/// <summary>A serialized <c>$batch</c> request: the bytes and the <c>Content-Type</c> naming their boundary.</summary>
internal readonly record struct TableBatchBody(ReadOnlyMemory<byte> Content, string ContentType);
