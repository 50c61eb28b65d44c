using KeyMeter.Adapters.Notifications;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>The SMTP email channel against a loopback SMTP server.</summary>
public sealed class SmtpEmailChannelTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SmtpEmailChannel Channel(string? user = null)
    {
        var email = new EmailOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = _server.Port,
            SmtpEnableSsl = false,
            SmtpUserName = user,
            Sender = "keymeter@example.com",
            Recipients = "lead@example.com",
        };
        var options = new NotificationOptions { Email = email, MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };
        var secrets = new DictionarySecrets(new() { [SecretNames.SmtpPassword] = "smtp-password-123" });
        return new SmtpEmailChannel(email, options, secrets, TimeProvider.System);
    }

    [Fact]
    public async Task Send_Alert_MultipartWithPlainTextAndHtmlToEveryRecipient()
    {
        var message = NotificationTestMessages.AlertMessage();

        var result = await Channel().SendAsync(message, CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var mail = Assert.Single(_server.Mails);
        Assert.Equal("keymeter@example.com", mail.From);
        Assert.Equal(["lead@example.com", "alice@example.com"], mail.To);
        Assert.Contains("multipart/alternative", mail.Data, StringComparison.Ordinal);
        Assert.Contains("text/plain", mail.Data, StringComparison.Ordinal);
        Assert.Contains("text/html", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Subject:", mail.Data, StringComparison.Ordinal);
        Assert.Empty(_server.Logins);
    }

    [Fact]
    public async Task Send_WithUserName_LogsInWithThePasswordSecret()
    {
        var result = await Channel(user: "keymeter").SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal([("keymeter", "smtp-password-123")], _server.Logins);
    }

    [Fact]
    public async Task Send_OneRecipientBusy_MailGoesToTheOthersAndTheRetryOnlyToThatRecipient()
    {
        _server.ReplyToRecipients("450 4.2.1 Mailbox busy");

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal(2, _server.Sessions);
        Assert.Equal([["alice@example.com"], ["lead@example.com"]], _server.Mails.Select(mail => mail.To));
    }

    [Fact]
    public async Task Send_ServerErrorOnARecipient_WholeMailRetriedAndEachRecipientGetsItOnce()
    {
        // 451 is not a per-recipient refusal to SmtpClient: it abandons the mail before DATA, so nobody had it yet.
        _server.ReplyToRecipients("250 OK", "451 4.3.0 Try again later");

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal(2, _server.Sessions);
        Assert.Equal(["lead@example.com", "alice@example.com"], Assert.Single(_server.Mails).To);
    }

    [Fact]
    public async Task Send_OneRecipientRefusedForGood_SentToTheOthersAndNotRetried()
    {
        _server.ReplyToRecipients("250 OK", "550 5.1.1 No such user");

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        Assert.Equal(["lead@example.com"], Assert.Single(_server.Mails).To);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task Send_RecipientRefused_PermanentAndNotRetried()
    {
        _server.ReplyToRecipients("550 5.1.1 No such user");

        var result = await Channel().SendAsync(NotificationTestMessages.AlertMessage() with { Recipients = [] }, CancellationToken.None);

        Assert.Equal(ChannelSendStatus.PermanentFailure, result.Status);
        Assert.StartsWith("SMTP 550", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _server.Sessions);
        Assert.Empty(_server.Mails);
    }

    [Fact]
    public async Task Send_KeyNameWithLineBreaks_OneSubjectLineAndNoHeaderOfItsOwn()
    {
        var result = await Channel().SendAsync(NotificationTestMessages.HeaderInjectingAlertMessage(), CancellationToken.None);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var mail = Assert.Single(_server.Mails);
        Assert.Equal(["lead@example.com", "alice@example.com"], mail.To);
        var headers = mail.Data[..mail.Data.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.DoesNotContain(headers, header => header.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.Single(headers, header => header.StartsWith("Subject:", StringComparison.Ordinal));
    }
}
