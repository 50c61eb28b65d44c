namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Whether the Functions host runs us (it sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and calls
/// <c>http://127.0.0.1:{port}</c>) or we run alone in local mode.
/// </summary>
internal sealed record HostingMode(bool UnderFunctionsHost, int? HostPort)
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string LocalUrl = "http://localhost:7071";

    public bool IsLocal => !UnderFunctionsHost;

    public static HostingMode Detect(IConfiguration configuration)
    {
        var port = configuration[PortVariable];
        if (string.IsNullOrEmpty(port))
        {
            return new HostingMode(false, null);
        }

        return int.TryParse(port, out var value) && value is > 0 and <= 65535
            ? new HostingMode(true, value)
            : throw new InvalidOperationException($"{PortVariable} must be a TCP port number.");
    }
}
