using KeyMeter.Adapters.Digests;
using KeyMeter.Core.Digests;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Digests;

/// <summary>The daily and weekly digests: builder, runner, watermarks, the two timers (the preview route maps on its own).</summary>
internal static class DigestServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterDigests(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddSingleton<IDigestStateStore, TableDigestStateStore>();
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<DigestRunner>();
        services.AddSingleton<IPayloadFunction>(provider => ActivatorUtilities.CreateInstance<DigestFunction>(provider, DigestFunction.DailyName, DigestKind.Daily));
        services.AddSingleton<IPayloadFunction>(provider => ActivatorUtilities.CreateInstance<DigestFunction>(provider, DigestFunction.WeeklyName, DigestKind.Weekly));
        return services;
    }
}
