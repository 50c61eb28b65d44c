namespace KeyMeter.Functions.Hosting;

/// <summary>The email-to-team mapping, its <c>/manage/teams</c> endpoints, and the reconciliation report.</summary>
internal static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterPeople(this IServiceCollection services)
    {
        return services;
    }
}
