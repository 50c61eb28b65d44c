namespace KeyMeter.Adapters.Emulator;

/// <summary>How to start Azurite's table service.</summary>
/// <param name="TablePort">The port to listen on.</param>
/// <param name="DataDirectory">Where to persist data (<c>--location</c>); null keeps everything in memory (<c>--inMemoryPersistence</c>).</param>
/// <param name="Host">The address to listen on.</param>
internal sealed record AzuriteLaunchOptions(int TablePort, string? DataDirectory, string Host = "127.0.0.1")
{
    /// <summary>
    /// How long to wait for the port to answer. Null: 60 s for an installed Azurite, 3 minutes for the <c>npx</c>
    /// fallback, whose first run downloads Azurite (about a minute on a fresh cache).
    /// </summary>
    public TimeSpan? StartupTimeout { get; init; }
}
