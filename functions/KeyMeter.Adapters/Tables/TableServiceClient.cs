using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The entry point to one storage account's Table service: the same client targets Azurite (connection
/// string, SharedKeyLite) or Azure (managed identity, Bearer), chosen by configuration.
/// </summary>
internal sealed class TableServiceClient
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    /// <summary>A client authorized with a token credential (Entra ID; role Storage Table Data Contributor).</summary>
    public TableServiceClient(Uri serviceUri, TokenCredential credential, TableClientOptions? options = null)
        : this(serviceUri, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), StorageScope), options)
    {
    }

    private TableServiceClient(Uri serviceUri, HttpPipelinePolicy authentication, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttp && serviceUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The table service URI must be an absolute http(s) URI.", nameof(serviceUri));
        }

        ServiceUri = new Uri(serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new TableClientOptions(),
            perCallPolicies: [],
            perRetryPolicies: [new TableRequestHeadersPolicy(TimeProvider.System), authentication],
            responseClassifier: new ResponseClassifier());
    }

    /// <summary>The account's table endpoint, without a trailing slash (Azurite: <c>http://127.0.0.1:10002/devstoreaccount1</c>).</summary>
    public Uri ServiceUri { get; }

    /// <summary>A client signing with the account key of a connection string (SharedKeyLite).</summary>
    /// <exception cref="FormatException">The connection string lacks or mangles a setting; the message names it.</exception>
    public static TableServiceClient FromConnectionString(string connectionString, TableClientOptions? options = null)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        return new TableServiceClient(parsed.TableEndpoint, new TableSharedKeyLitePolicy(parsed.Credential), options);
    }

    /// <summary>A client for one table. Creates nothing.</summary>
    /// <exception cref="ArgumentException">The name breaks the table name rules.</exception>
    public TableClient GetTableClient(string tableName)
    {
        TableNames.Validate(tableName);
        return new TableClient(_pipeline, ServiceUri, tableName);
    }
}
