using KeyMeter.Functions.People;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Request body limits of the routes outside the proxy, in bytes. The proxy keeps its own,
/// <c>KeyMeter__Proxy__MaxRequestBodyBytes</c>, under Kestrel's server-wide ceiling <see cref="ServerCeiling"/>; the
/// payload routes' limits are in <see cref="CustomHandler.PayloadLimits"/>.
/// </summary>
internal static class BodyLimits
{
    /// <summary>Kestrel's limit for routes without their own: the largest value the proxy's setting accepts.</summary>
    public const long ServerCeiling = 100L * 1024 * 1024;

    /// <summary>Routes that take no body: reports, the dashboard page, the readiness check.</summary>
    public const long NoBody = 4 * 1024;

    /// <summary>Management routes: a key definition or a team assignment is a few hundred bytes.</summary>
    public const long Management = Manage.RequestBody.MaxBytes;

    /// <summary><c>POST /manage/teams/import</c>: a CSV of the whole staff.</summary>
    public const long TeamImport = TeamCsvBody.MaxBytes;

    /// <summary>Puts <paramref name="maxBytes"/> on the endpoint(s) as their request body limit.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));
}
