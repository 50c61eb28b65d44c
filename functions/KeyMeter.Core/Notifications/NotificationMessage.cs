namespace KeyMeter.Core.Notifications;

/// <summary>
/// One message to people (a budget alert, a digest), channel-neutral: each channel renders it in its own format
/// (HTML and plain-text email, a Teams Adaptive Card, Slack Block Kit), and every rendering reads well as plain text.
/// Holds figures and names only: never a key, a prompt or a completion (README, Architecture). Every text is
/// plain text that may hold values from outside (key names, emails, models, tags): no markup, and each channel escapes
/// all of it (<see cref="TeamsText"/>, <see cref="SlackText"/>, <see cref="HtmlText"/>, <see cref="EmailText"/>).
/// </summary>
/// <param name="Id">
/// Deterministic and unique per message (<c>alert|{keyId}|daily|2026-12-02|80</c>, <c>digest|daily|2026-12-01</c>):
/// the idempotency key of delivery, so a message delivered twice is sent once per channel.
/// </param>
/// <param name="Kind">What the message is, for channels that style kinds differently.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Subject">One line: the email subject, the card's title.</param>
/// <param name="Summary">One or two sentences that say the essential on their own (the preview text of a notification).</param>
/// <param name="Sections">The body, in order.</param>
/// <param name="Recipients">
/// Email addresses this message goes to in addition to the configured recipients (the key owner of an alert).
/// </param>
/// <param name="Link">Where to read more (the dashboard), or null.</param>
public sealed record NotificationMessage(
    string Id,
    NotificationKind Kind,
    NotificationSeverity Severity,
    string Subject,
    string Summary,
    IReadOnlyList<MessageSection> Sections,
    IReadOnlyList<string> Recipients,
    Uri? Link = null);
