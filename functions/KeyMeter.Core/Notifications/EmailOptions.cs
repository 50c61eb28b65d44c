namespace KeyMeter.Core.Notifications;

/// <summary>
/// The email channel: Azure Communication Services (<see cref="AcsEndpoint"/>) or SMTP (<see cref="SmtpHost"/>), not
/// both; <c>KeyMeter__Notifications__Email__*</c>. Off when neither is set.
/// </summary>
public sealed class EmailOptions
{
    /// <summary>The ACS resource endpoint, <c>https://&lt;name&gt;.communication.azure.com</c>; reached with the managed identity.</summary>
    public Uri? AcsEndpoint { get; set; }

    /// <summary>The sender address: <c>DoNotReply@&lt;domain&gt;</c> of the ACS email domain, or the SMTP account's address.</summary>
    public string? Sender { get; set; }

    /// <summary>Who gets digests and every alert, comma-separated. Alerts go to the key's owner as well.</summary>
    public string? Recipients { get; set; }

    /// <summary>The SMTP server, for teams without ACS.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>The SMTP user; its password is the secret <c>SmtpPassword</c>. Empty: no authentication.</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>STARTTLS to the SMTP server. Default true.</summary>
    public bool SmtpEnableSsl { get; set; } = true;

    /// <summary>The configured recipients, trimmed, without empties and duplicates (case-insensitive).</summary>
    public IReadOnlyList<string> RecipientList() =>
        [.. (Recipients ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
