using Azure.Core;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Pipeline options for <see cref="TableServiceClient"/>: retries, transport and diagnostics, with Azure.Core's defaults.
/// The default retry policy retries 408, 429 and 5xx; 404, 409 and 412 are answers, never retried.
/// </summary>
internal sealed class TableClientOptions : ClientOptions
{
}
