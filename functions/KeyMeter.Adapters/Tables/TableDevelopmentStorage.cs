namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The well-known Azurite / storage emulator account. The key is public and identical on every machine
/// (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key).
/// </summary>
internal static class TableDevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const int DefaultTablePort = 10002;

    /// <summary>The table endpoint of an emulator on <paramref name="host"/>:<paramref name="port"/>, path-style.</summary>
    public static Uri TableEndpoint(string host, int port) =>
        new UriBuilder(Uri.UriSchemeHttp, host, port, AccountName).Uri;

    /// <summary>A full connection string for an emulator table endpoint; what <c>UseDevelopmentStorage=true</c> expands to.</summary>
    public static string ConnectionString(Uri tableEndpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={tableEndpoint.AbsoluteUri.TrimEnd('/')};";
}
