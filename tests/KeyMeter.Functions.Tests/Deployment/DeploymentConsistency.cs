namespace KeyMeter.Functions.Tests.Deployment;

/// <summary>
/// Every queue, table and setting the code and the function.json files use is created or set by the Bicep, and the
/// other way round. Returns the problems, each naming the file to fix.
/// </summary>
internal static class DeploymentConsistency
{
    /// <summary>
    /// What the app needs set in Azure beyond the triggers' connections: the host's storage (timers keep their schedule
    /// in it), Table Storage, Key Vault and Service Bus for the handler (without them it would fall back to local-mode
    /// defaults), Application Insights, and the identity the handler's credential uses.
    /// </summary>
    public static IReadOnlyList<string> RequiredInAzure { get; } =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "KeyMeter__Storage__TableServiceUri",
        "KeyMeter__KeyVaultUri",
        "KeyMeter__ServiceBus__FullyQualifiedNamespace",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Settings the Functions host itself reads (not the handler), so no options class binds them.</summary>
    private static bool IsHostSetting(string setting, CodeNames code) =>
        setting.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)
        || setting.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal)
        || setting == "AZURE_CLIENT_ID"
        || code.Connections.Any(connection => setting.StartsWith(connection + "__", StringComparison.Ordinal));

    public static IReadOnlyList<string> Problems(CodeNames code, BicepNames bicep)
    {
        var problems = new List<string>();
        foreach (var queue in code.Queues.Where(queue => !bicep.Queues.Contains(queue, StringComparer.Ordinal)))
        {
            problems.Add($"Queue '{queue}' is used by the code or a function.json but bicep/ does not create it.");
        }

        foreach (var queue in bicep.Queues.Where(queue => !code.Queues.Contains(queue, StringComparer.Ordinal)))
        {
            problems.Add($"bicep/ creates queue '{queue}', which no function.json or sender uses.");
        }

        foreach (var table in CodeNames.Tables.Where(table => !bicep.Tables.Contains(table, StringComparer.Ordinal)))
        {
            problems.Add($"Table '{table}' is used by the code but bicep/ does not create it.");
        }

        foreach (var table in bicep.Tables.Where(table => !CodeNames.Tables.Contains(table, StringComparer.Ordinal)))
        {
            problems.Add($"bicep/ creates table '{table}', which the code does not use.");
        }

        var required = RequiredInAzure.Concat(code.Connections.SelectMany(connection => new[] { connection + "__fullyQualifiedNamespace", connection + "__credential", connection + "__clientId" }));
        foreach (var setting in required.Where(setting => !bicep.AppSettings.Contains(setting, StringComparer.Ordinal)))
        {
            problems.Add($"App setting '{setting}' is needed in Azure but bicep/ does not set it.");
        }

        foreach (var setting in bicep.AppSettings.Where(setting => !IsHostSetting(setting, code) && !CodeNames.IsKeyMeterSetting(setting)))
        {
            problems.Add($"bicep/ sets app setting '{setting}', which neither the host nor any KeyMeter options class reads.");
        }

        return problems;
    }
}
