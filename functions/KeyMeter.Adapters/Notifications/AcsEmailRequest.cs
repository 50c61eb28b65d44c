using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// The body and idempotency key of ACS Email's <c>POST /emails:send</c> (api-version 2025-09-01,
/// https://learn.microsoft.com/rest/api/communication/dataplane/email/send): sender, <c>to</c> recipients, the
/// subject on one line (<see cref="EmailText.Subject"/>), plain text and HTML from the renderers, engagement tracking
/// off (no tracking pixel in a finance email).
/// </summary>
internal static class AcsEmailRequest
{
    public const string ApiVersion = "2025-09-01";

    public static byte[] Body(NotificationMessage message, string sender, IReadOnlyList<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("senderAddress", sender);
            json.WriteStartObject("recipients");
            json.WriteStartArray("to");
            foreach (var recipient in recipients)
            {
                json.WriteStartObject();
                json.WriteString("address", recipient);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("content");
            json.WriteString("subject", EmailText.Subject(message.Subject));
            json.WriteString("plainText", PlainTextRenderer.Render(message));
            json.WriteString("html", HtmlRenderer.Render(message));
            json.WriteEndObject();
            json.WriteBoolean("userEngagementTrackingDisabled", true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The <c>Operation-Id</c>: a UUID derived from the message id, so a send retried by another run is the same
    /// operation to ACS.
    /// </summary>
    public static Guid OperationId(string messageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("keymeter-email|" + messageId));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The configured recipients and the message's own, each once (case-insensitive), in that order.</summary>
    public static IReadOnlyList<string> Recipients(EmailOptions options, NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(message);
        return [.. options.RecipientList().Concat(message.Recipients.Where(NotificationOptions.IsAddress)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
