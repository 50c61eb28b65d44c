using KeyMeter.Adapters.People;
using KeyMeter.Core.People;

namespace KeyMeter.Functions.People;

/// <summary>
/// The email-to-team mapping, its <c>/manage/teams</c> endpoints, and the reconciliation report. The mapping lives in
/// the <c>teams</c> table; tests register a store of their own after it.
/// </summary>
internal static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterPeople(this IServiceCollection services)
    {
        services.AddSingleton<ITeamMappingStore, TableTeamMappingStore>();
        services.AddSingleton<PeopleDirectoryLoader>();
        return services;
    }
}
