using KeyMeter.Adapters.Emulator;
using KeyMeter.Adapters.Tables;
using KeyMeter.Functions.Storage;

namespace KeyMeter.Functions.Local;

/// <summary>
/// In local mode, starts Azurite's table service when the storage setting is the development storage and nothing
/// answers on its port. The caller disposes the returned process on exit.
/// </summary>
internal static class LocalStorage
{
    public static async Task<AzuriteProcess?> StartIfNeededAsync(StorageOptions storage, LocalOptions local, CancellationToken cancellationToken)
    {
        if (!storage.IsDevelopmentStorage || !local.StartAzurite)
        {
            return null;
        }

        var endpoint = TableServiceClient.FromConnectionString(storage.ConnectionString).ServiceUri;
        if (!endpoint.IsLoopback || await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, cancellationToken))
        {
            return null;
        }

        var dataDirectory = Path.GetFullPath(local.AzuriteDataDirectory);
        Directory.CreateDirectory(dataDirectory);
        return await AzuriteProcess.StartAsync(new AzuriteLaunchOptions(endpoint.Port, dataDirectory, endpoint.Host), cancellationToken);
    }
}
