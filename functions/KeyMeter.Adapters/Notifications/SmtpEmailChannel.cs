using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Email through an SMTP server, for teams without ACS: multipart/alternative with the plain-text and HTML renderings,
/// the password from the secret <see cref="SecretNames.SmtpPassword"/>. SMTP 4xx replies are retried like the HTTP
/// channels (a recipient refused for now is retried alone); 5xx replies are refusals.
/// </summary>
internal sealed class SmtpEmailChannel(EmailOptions options, NotificationOptions notifications, ISecretSource secrets, TimeProvider time) : INotificationChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(!string.IsNullOrWhiteSpace(options.SmtpHost) && !string.IsNullOrWhiteSpace(options.Sender));

    public async Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var recipients = AcsEmailRequest.Recipients(options, message);
        if (string.IsNullOrWhiteSpace(options.SmtpHost) || string.IsNullOrWhiteSpace(options.Sender) || recipients.Count == 0)
        {
            return ChannelSendResult.NotConfigured(Name);
        }

        var password = string.IsNullOrEmpty(options.SmtpUserName) ? null : await secrets.GetAsync(SecretNames.SmtpPassword, cancellationToken);
        // A retry goes only to the recipients a server refused for now (4xx): SmtpClient sends to the accepted ones and
        // reports the others afterwards, so sending to everybody again would mail them twice.
        var pending = recipients;
        var delivered = 0;
        var refused = 0;
        for (var attempt = 1; ; attempt++)
        {
            string detail;
            try
            {
                using var mail = Mail(message, pending);
                using var client = new SmtpClient(options.SmtpHost.Trim(), options.SmtpPort) { EnableSsl = options.SmtpEnableSsl };
                if (!string.IsNullOrEmpty(options.SmtpUserName))
                {
                    client.Credentials = new NetworkCredential(options.SmtpUserName, password);
                }

                await client.SendMailAsync(mail, cancellationToken);
                return ChannelSendResult.Sent(Name);
            }
            catch (SmtpFailedRecipientException exception) when (!cancellationToken.IsCancellationRequested)
            {
                var failed = Failures(exception);
                var retry = failed.Where(failure => (int)failure.Status < 500).Select(failure => failure.Recipient).ToHashSet(StringComparer.OrdinalIgnoreCase);
                refused += failed.Count - retry.Count;
                delivered += pending.Count - failed.Count;
                pending = [.. pending.Where(retry.Contains)];
                detail = $"SMTP {(int)failed[0].Status} ({failed[0].Status}) for {failed.Count} of the recipients";
                if (pending.Count == 0)
                {
                    // Nobody left to retry: sent if somebody had it, otherwise every recipient was refused.
                    return delivered > 0 ? ChannelSendResult.Sent(Name) : ChannelSendResult.Permanent(Name, detail);
                }
            }
            catch (SmtpException exception) when (!cancellationToken.IsCancellationRequested)
            {
                var code = (int)exception.StatusCode;
                detail = $"SMTP {code} ({exception.StatusCode})";
                if (code >= 500)
                {
                    return ChannelSendResult.Permanent(Name, detail);
                }
            }

            if (attempt >= notifications.MaxAttempts)
            {
                return ChannelSendResult.Transient(Name, detail + " after retries" + (refused > 0 ? $"; {refused} refused" : string.Empty));
            }

            await Task.Delay(notifications.RetryDelay * Math.Pow(2, attempt - 1), time, cancellationToken);
        }
    }

    private static List<(string Recipient, SmtpStatusCode Status)> Failures(SmtpFailedRecipientException exception) =>
        exception is SmtpFailedRecipientsException { InnerExceptions.Length: > 0 } many
            ? [.. many.InnerExceptions.Select(inner => (Address(inner.FailedRecipient), inner.StatusCode))]
            : [(Address(exception.FailedRecipient), exception.StatusCode)];

    // SmtpClient names a failed recipient in angle brackets.
    private static string Address(string? recipient) => (recipient ?? string.Empty).Trim().TrimStart('<').TrimEnd('>');

    private MailMessage Mail(NotificationMessage message, IReadOnlyList<string> recipients)
    {
        var mail = new MailMessage { From = new MailAddress(options.Sender!.Trim()), Subject = EmailText.Subject(message.Subject) };
        foreach (var recipient in recipients)
        {
            mail.To.Add(recipient);
        }

        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(PlainTextRenderer.Render(message), System.Text.Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(HtmlRenderer.Render(message), System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }
}
