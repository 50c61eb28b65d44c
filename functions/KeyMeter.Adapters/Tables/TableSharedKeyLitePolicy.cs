using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Signs requests with SharedKeyLite, the scheme Azure.Data.Tables uses
/// (azure-sdk-for-net <c>TableSharedKeyPipelinePolicy.cs</c>; docs "Authorize with Shared Key", Table service Shared Key Lite).
/// Must run after <see cref="TableRequestHeadersPolicy"/>, which sets <c>x-ms-date</c>.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(TableSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (!request.Headers.TryGetValue("x-ms-date", out var date))
        {
            throw new InvalidOperationException("x-ms-date must be set before the request is signed.");
        }

        var signature = credential.ComputeSignature(BuildStringToSign(date, credential.AccountName, request.Uri.ToUri()));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    /// <summary>
    /// <c>x-ms-date + "\n" + "/" + account + path</c>, plus <c>?comp=value</c> when the query has <c>comp</c>.
    /// The path is taken as it is encoded in the URI. With Azurite's path-style URLs the path already starts with
    /// the account (<c>/devstoreaccount1/devstoreaccount1/table</c>), which is what the emulator expects.
    /// </summary>
    public static string BuildStringToSign(string date, string accountName, Uri uri)
    {
        var path = uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/";
        var comp = HttpUtility.ParseQueryString(uri.Query)["comp"];
        return comp is null ? $"{date}\n/{accountName}{path}" : $"{date}\n/{accountName}{path}?comp={comp}";
    }
}
