using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Stamps every try with the service version and a fresh <c>x-ms-date</c> (a retried request must be
/// re-dated and re-signed, so this runs per retry, before the authentication policy).
/// </summary>
internal sealed class TableRequestHeadersPolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    /// <summary>The REST version Azure.Data.Tables sends; Azurite accepts it with <c>--skipApiVersionCheck</c> or natively.</summary>
    public const string ServiceVersion = "2019-02-02";

    public override void OnSendingRequest(HttpMessage message)
    {
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-version", ServiceVersion);
        headers.SetValue("DataServiceVersion", "3.0");
        headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
