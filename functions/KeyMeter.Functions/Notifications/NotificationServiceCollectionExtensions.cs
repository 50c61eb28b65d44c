using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Notifications;
using KeyMeter.Core.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Notifications;

/// <summary>
/// The notification channels (email through ACS or SMTP, Teams, Slack), the <c>deliveries</c> ledger and the
/// dispatcher that alerts and digests send through. The ACS token comes from the app's <see cref="TokenCredential"/>.
/// </summary>
internal static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.AddSingleton(provider => new WebhookPoster(
            HttpPipelineBuilder.Build(new NotificationClientOptions(Options(provider))),
            provider.GetRequiredService<Core.Secrets.ISecretSource>()));
        services.AddSingleton<INotificationChannel>(EmailChannel);
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.TryAddSingleton<INotificationDispatcher, NotificationDispatcher>();
        return services;
    }

    private static NotificationOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<NotificationOptions>>().Value;

    private static INotificationChannel EmailChannel(IServiceProvider provider)
    {
        var options = Options(provider);
        if (!string.IsNullOrWhiteSpace(options.Email.SmtpHost))
        {
            return ActivatorUtilities.CreateInstance<SmtpEmailChannel>(provider, options.Email, options);
        }

        var pipeline = HttpPipelineBuilder.Build(new NotificationClientOptions(options), new AcsTokenPolicy(provider.GetRequiredService<TokenCredential>()));
        return new AcsEmailChannel(options.Email, pipeline);
    }
}
