using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Where alerts and digests go: <c>KeyMeter__Notifications__*</c>. Teams and Slack are switched on by their webhook
/// secrets (<c>TeamsWebhookUrl</c>, <c>SlackWebhookUrl</c>), email by <see cref="Email"/>.
/// </summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Notifications";

    public EmailOptions Email { get; set; } = new();

    /// <summary>The dashboard's address, linked from every message; none when empty.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>Attempts per send, the first included: 429, 5xx and network failures are retried. Default 4.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay, doubling after each (a <c>Retry-After</c> wins). Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string Prefix = "KeyMeter__Notifications__";
        if (DashboardUrl is { } dashboard && (!dashboard.IsAbsoluteUri || dashboard.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult($"{Prefix}DashboardUrl must be an absolute http(s) URL.", [nameof(DashboardUrl)]);
        }

        var email = Email ?? new EmailOptions();
        var acs = email.AcsEndpoint is not null;
        var smtp = !string.IsNullOrWhiteSpace(email.SmtpHost);
        if (acs && smtp)
        {
            yield return new ValidationResult(
                $"Set {Prefix}Email__AcsEndpoint or {Prefix}Email__SmtpHost, not both: email goes through one of them.", [nameof(Email)]);
        }

        // https always, except to a loopback address (a stand-in receiver on this machine): the token must not travel in clear.
        if (acs && (!email.AcsEndpoint!.IsAbsoluteUri || !(email.AcsEndpoint.Scheme == "https" || (email.AcsEndpoint.Scheme == "http" && email.AcsEndpoint.IsLoopback))))
        {
            yield return new ValidationResult($"{Prefix}Email__AcsEndpoint must be an https URL such as https://<name>.communication.azure.com.", [nameof(Email)]);
        }

        if ((acs || smtp) && !IsAddress(email.Sender))
        {
            yield return new ValidationResult($"{Prefix}Email__Sender must be an email address when email is on (for ACS: DoNotReply@<your email domain>).", [nameof(Email)]);
        }

        foreach (var recipient in email.RecipientList().Where(recipient => !IsAddress(recipient)))
        {
            yield return new ValidationResult($"{Prefix}Email__Recipients holds '{recipient}', which is not an email address.", [nameof(Email)]);
        }

        if (email.SmtpPort is < 1 or > 65535)
        {
            yield return new ValidationResult($"{Prefix}Email__SmtpPort must be a port from 1 to 65535.", [nameof(Email)]);
        }
    }

    public static bool IsAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim() && value.Contains('@', StringComparison.Ordinal);
}
