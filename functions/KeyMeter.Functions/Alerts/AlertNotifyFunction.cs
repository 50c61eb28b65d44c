using System.Text.Json;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Notifications;
using KeyMeter.Functions.Host;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Alerts;

/// <summary>
/// <c>alert-notify</c>: one budget alert from the <c>alerts</c> queue, sent to every configured channel and to the
/// key owner's email through the dispatcher, whose delivery ledger sends it once per channel however often Service
/// Bus delivers it. While a channel is still owed it the answer is 500, so Service Bus delivers it again (up to the
/// queue's max delivery count, then dead-letters it).
/// </summary>
internal sealed class AlertNotifyFunction(
    INotificationDispatcher dispatcher,
    IOptions<NotificationOptions> notifications,
    ILogger<AlertNotifyFunction> logger) : IPayloadFunction
{
    public const string BindingName = "message";

    public string Name => "alert-notify";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var decoded = ServiceBusMessage.Decode(request, BindingName);
        if (!decoded.Succeeded)
        {
            return PayloadResult.BadPayload(decoded.Error);
        }

        var message = decoded.Value;
        if (!TryRead(message.Body, out var alert, out var reason))
        {
            // Redelivering cannot make it readable: acknowledge, and say so loudly.
            AlertsLog.Unreadable(logger, message.MessageId, reason);
            return PayloadResult.Success([$"Message {message.MessageId} is not a budget alert ({reason}); dropped."]);
        }

        DispatchResult result;
        try
        {
            result = await dispatcher.DispatchAsync(BudgetAlertComposer.Compose(alert, notifications.Value.DashboardUrl), cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"The delivery ledger failed ({exception.GetType().Name}); the alert is delivered again.");
        }

        if (result.NothingConfigured)
        {
            AlertsLog.NoChannel(logger, alert.Id);
            return PayloadResult.Success([$"Alert {alert.Id}: no channel is configured."]);
        }

        if (!result.Completed)
        {
            var owed = string.Join(", ", result.Channels.Where(channel => channel.Status == ChannelSendStatus.TransientFailure).Select(channel => channel.Channel));
            AlertsLog.NotDelivered(logger, alert.Id, owed);
            return PayloadResult.TransientFailure($"Alert {alert.Id} is still owed to {owed}.");
        }

        var outcome = string.Join(", ", result.Channels.Select(channel => $"{channel.Channel}: {channel.Status}"));
        AlertsLog.Delivered(logger, alert.Id, outcome);
        return PayloadResult.Success([$"Alert {alert.Id}: {outcome}."]);
    }

    private static bool TryRead(ReadOnlyMemory<byte> body, out BudgetAlert alert, out string reason)
    {
        alert = null!;
        try
        {
            if (JsonSerializer.Deserialize(body.Span, AlertJsonContext.Default.BudgetAlert) is { } read
                && !string.IsNullOrEmpty(read.KeyId) && !string.IsNullOrEmpty(read.KeyName) && read.LimitUsd > 0m)
            {
                alert = read;
                reason = string.Empty;
                return true;
            }

            reason = "missing fields";
        }
        catch (JsonException exception)
        {
            reason = "invalid JSON at " + (exception.Path ?? "$");
        }

        return false;
    }
}
