namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The table endpoint and shared key of a storage connection string
/// (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string).
/// Errors name the missing or malformed setting and never echo the string, which holds the key.
/// </summary>
internal sealed record TableConnectionString(Uri TableEndpoint, TableSharedKeyCredential Credential)
{
    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c>, or <c>AccountName</c> + <c>AccountKey</c> with either
    /// <c>TableEndpoint</c> or <c>DefaultEndpointsProtocol</c> / <c>EndpointSuffix</c>.
    /// </summary>
    /// <exception cref="FormatException">A required setting is missing or malformed.</exception>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new TableConnectionString(
                TableDevelopmentStorage.TableEndpoint("127.0.0.1", TableDevelopmentStorage.DefaultTablePort),
                new TableSharedKeyCredential(TableDevelopmentStorage.AccountName, TableDevelopmentStorage.AccountKey));
        }

        var accountName = Required(settings, "AccountName");
        if (settings.ContainsKey("SharedAccessSignature") && !settings.ContainsKey("AccountKey"))
        {
            throw new FormatException("The storage connection string uses 'SharedAccessSignature', which is not supported; use 'AccountKey' or a token credential.");
        }

        var credential = new TableSharedKeyCredential(accountName, Required(settings, "AccountKey"));
        return new TableConnectionString(Endpoint(settings, accountName), credential);
    }

    private static Uri Endpoint(Dictionary<string, string> settings, string accountName)
    {
        if (settings.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            return Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw new FormatException("The storage connection string setting 'TableEndpoint' is not an absolute http(s) URI.");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", Uri.UriSchemeHttps).ToLowerInvariant();
        if (protocol != Uri.UriSchemeHttp && protocol != Uri.UriSchemeHttps)
        {
            throw new FormatException("The storage connection string setting 'DefaultEndpointsProtocol' must be 'http' or 'https'.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return Uri.TryCreate($"{protocol}://{accountName}.table.{suffix}", UriKind.Absolute, out var built)
            ? built
            : throw new FormatException("The storage connection string settings 'AccountName' and 'EndpointSuffix' do not form a valid table endpoint.");
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string is missing '{name}'.");

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys and SAS tokens end with or contain '='.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string has a segment that is not 'Name=Value'.");
            }

            settings[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        return settings;
    }
}
