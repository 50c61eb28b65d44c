using KeyMeter.Adapters.Agents;
using KeyMeter.Adapters.Cursor;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Cursor;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Cursor;

/// <summary>
/// Cursor Admin API ingestion: the client, the <c>cursor-poll</c>, <c>cursor-members</c> and <c>cursor-daily-usage</c>
/// timers and their stores. The agent-fact store is shared with other sources of agent facts, so it is added only once.
/// </summary>
internal static class CursorServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterCursor(this IServiceCollection services)
    {
        services.AddOptions<CursorOptions>().BindConfiguration(CursorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CursorOptions>, CursorOptionsValidator>();

        // One long-lived client: Cursor is one host, and the client sets its own per-request timeout.
        services.AddSingleton<ICursorAdminApi>(provider => ActivatorUtilities.CreateInstance<CursorAdminClient>(
            provider,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            }));
        services.AddSingleton<ICursorLedger, TableCursorLedger>();
        services.AddSingleton<ICursorStateStore, TableCursorStateStore>();
        services.AddSingleton<ICursorSnapshotStore, TableCursorSnapshotStore>();
        services.AddSingleton<CursorUsagePoller>();
        services.TryAddSingleton<IAgentFactStore, TableAgentFactStore>();
        services.AddSingleton<CursorMembersSync>();
        services.AddSingleton<CursorDailyUsageSync>();
        services.AddSingleton<IPayloadFunction, CursorPollFunction>();
        services.AddSingleton<IPayloadFunction, CursorMembersFunction>();
        services.AddSingleton<IPayloadFunction, CursorDailyUsageFunction>();
        return services;
    }
}
