namespace KeyMeter.Functions.Hosting;

/// <summary>Cursor Admin API ingestion: the client, the <c>cursor-poll</c> and <c>cursor-members</c> timers and their stores.</summary>
internal static class CursorServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterCursor(this IServiceCollection services)
    {
        return services;
    }
}
