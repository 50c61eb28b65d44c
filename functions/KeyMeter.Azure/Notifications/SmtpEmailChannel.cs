using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Azure.Notifications;

/// <summary>
/// Email through an SMTP server, for teams without ACS: multipart/alternative with the plain-text and HTML renderings,
/// the password from the secret <see cref="SecretNames.SmtpPassword"/>. SMTP 4xx replies and connection failures are
/// retried like the HTTP channels; 5xx replies are refusals.
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var mail = Mail(message, recipients);
                using var client = new SmtpClient(options.SmtpHost.Trim(), options.SmtpPort) { EnableSsl = options.SmtpEnableSsl };
                if (!string.IsNullOrEmpty(options.SmtpUserName))
                {
                    client.Credentials = new NetworkCredential(options.SmtpUserName, password);
                }

                await client.SendMailAsync(mail, cancellationToken);
                return ChannelSendResult.Sent(Name);
            }
            catch (SmtpException exception) when (!cancellationToken.IsCancellationRequested)
            {
                var code = (int)exception.StatusCode;
                var detail = $"SMTP {code} ({exception.StatusCode})";
                if (code >= 500)
                {
                    return ChannelSendResult.Permanent(Name, detail);
                }

                if (attempt >= notifications.MaxAttempts)
                {
                    return ChannelSendResult.Transient(Name, detail + " after retries");
                }

                await Task.Delay(notifications.RetryDelay * Math.Pow(2, attempt - 1), time, cancellationToken);
            }
        }
    }

    private MailMessage Mail(NotificationMessage message, IReadOnlyList<string> recipients)
    {
        var mail = new MailMessage { From = new MailAddress(options.Sender!.Trim()), Subject = message.Subject };
        foreach (var recipient in recipients)
        {
            mail.To.Add(recipient);
        }

        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(PlainTextRenderer.Render(message), System.Text.Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(HtmlRenderer.Render(message), System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }
}
