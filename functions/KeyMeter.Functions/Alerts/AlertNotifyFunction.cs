using System.Text;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Notifications;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Alerts;

/// <summary>
/// <c>alert-notify</c>: one budget alert from the <c>alerts</c> queue, sent to every configured channel and to the
/// key owner's email through the dispatcher, whose delivery ledger sends it once per channel however often Service
/// Bus delivers it. While a channel is still owed it the answer is 500, so Service Bus delivers it again (up to the
/// queue's max delivery count, then dead-letters it). A message that can never be sent (not a budget alert, or one
/// out of bounds) is kept in the <c>poison</c> table and acknowledged, as <c>usage-aggregate</c> does with records.
/// </summary>
internal sealed class AlertNotifyFunction(
    INotificationDispatcher dispatcher,
    IOptions<NotificationOptions> notifications,
    IPoisonMessageStore poison,
    TimeProvider time,
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
        DispatchResult result;
        BudgetAlert? alert;
        try
        {
            if (!TryRead(message, out alert, out var reason))
            {
                // Redelivering cannot make it readable: keep it for an operator, acknowledge, and say so loudly.
                AlertFunctionLog.Unreadable(logger, message.MessageId, reason);
                await poison.SaveAsync(
                    new PoisonMessage(BudgetAlertPublisher.QueueName, message.MessageId, message.DeliveryCount, time.GetUtcNow(), reason, BodyText(message.Body)),
                    cancellationToken);
                return PayloadResult.Success([$"Message {message.MessageId} is not a budget alert that can be sent ({reason}); kept as poison."]);
            }

            result = await dispatcher.DispatchAsync(BudgetAlertComposer.Compose(alert, notifications.Value.DashboardUrl), cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"The delivery ledger or the poison table failed ({exception.GetType().Name}); the alert is delivered again.");
        }

        if (result.NothingConfigured)
        {
            AlertFunctionLog.NoChannel(logger, alert.Id);
            return PayloadResult.Success([$"Alert {alert.Id}: no channel is configured."]);
        }

        if (!result.Completed)
        {
            var owed = string.Join(", ", result.Channels.Where(channel => channel.Status == ChannelSendStatus.TransientFailure).Select(channel => channel.Channel));
            AlertFunctionLog.NotDelivered(logger, alert.Id, owed);
            return PayloadResult.TransientFailure($"Alert {alert.Id} is still owed to {owed}.");
        }

        var outcome = string.Join(", ", result.Channels.Select(channel => $"{channel.Channel}: {channel.Status}"));
        AlertFunctionLog.Delivered(logger, alert.Id, outcome);
        return PayloadResult.Success([$"Alert {alert.Id}: {outcome}."]);
    }

    private static bool TryRead(ServiceBusMessage message, out BudgetAlert alert, out string reason)
    {
        alert = null!;
        if (message.BodyError is { } bodyError)
        {
            reason = bodyError;
            return false;
        }

        try
        {
            if (JsonSerializer.Deserialize(message.Body.Span, AlertJsonContext.Default.BudgetAlert) is not { } read)
            {
                reason = "the body is JSON null";
                return false;
            }

            if (read.Problem() is { } problem)
            {
                reason = problem;
                return false;
            }

            alert = read;
            reason = string.Empty;
            return true;
        }
        catch (JsonException exception)
        {
            reason = "invalid JSON at " + (exception.Path ?? "$");
            return false;
        }
    }

    private static string BodyText(ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        return text.Length <= PoisonMessage.MaxBodyChars ? text : text[..PoisonMessage.MaxBodyChars];
    }
}
