using Microsoft.AspNetCore.Http.Metadata;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// An endpoint's request body limit. ASP.NET Core's routing hands it to Kestrel when the endpoint is chosen, so a body
/// that grows past it fails as it is read (chunked bodies included); <see cref="BodyLimitMiddleware"/> answers 413
/// before reading when <c>Content-Length</c> already says too much.
/// </summary>
internal sealed class BodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long MaxBytes { get; } = maxBytes;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => MaxBytes;
}
